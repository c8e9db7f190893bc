using System.Buffers.Binary;
using System.Numerics;

namespace AkLight.Records;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of record batches. Eight bytes a step through
/// <see cref="BitOperations.Crc32C(uint, ulong)"/>, which is one instruction where the processor has it (SSE 4.2, ARMv8):
/// the partition checksums every batch it stamps, so this is on the append path.
/// </summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
