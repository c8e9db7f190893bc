using System.Buffers.Binary;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// Deterministic damage to a valid input: bit flips, cuts, random bytes, and length fields set to values that lie
/// (huge, negative, just past the end). The same <see cref="Random"/> seed gives the same bytes, so a failing case
/// is replayed from its seed alone.
/// </summary>
internal static class Mutations
{
    /// <summary>Lengths and counts that decoders must refuse rather than believe.</summary>
    public static readonly int[] LyingInt32s = [int.MaxValue, int.MinValue, -2, 0x7FFF_FFF0, 0x0100_0000, 65_536];

    public static readonly short[] LyingInt16s = [short.MaxValue, short.MinValue, -2, 0x4000];

    /// <summary>
    /// One to four mutations of <paramref name="input"/>; the first <paramref name="keep"/> bytes are left alone most
    /// of the time, so a frame's header still leads the fuzzed bytes into the code behind it.
    /// </summary>
    public static byte[] Mutate(byte[] input, Random random, int keep = 0)
    {
        var bytes = input.ToArray();
        var rounds = 1 + random.Next(4);
        for (var i = 0; i < rounds; i++)
        {
            var from = random.Next(4) == 0 ? 0 : Math.Min(keep, bytes.Length);
            bytes = random.Next(8) switch
            {
                0 => FlipBit(bytes, random, from),
                1 => bytes[..(from + random.Next(bytes.Length - from + 1))],
                2 => Overwrite(bytes, random, from, LyingInt32s[random.Next(LyingInt32s.Length)], 4),
                3 => Overwrite(bytes, random, from, LyingInt16s[random.Next(LyingInt16s.Length)], 2),
                4 => OverwriteVarint(bytes, random, from),
                5 => Insert(bytes, random, from, RandomBytes(random, 1 + random.Next(16))),
                6 => Overwrite(bytes, random, from, bytes.Length - random.Next(8) + random.Next(16), 4),
                _ => SetByte(bytes, random, from),
            };
        }
        return bytes;
    }

    public static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="value"/> big-endian over <paramref name="width"/> bytes at <paramref name="at"/>.</summary>
    public static byte[] WriteAt(byte[] input, int at, long value, int width)
    {
        var bytes = input.ToArray();
        if (width == 2) BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(at), (short)value);
        else BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), (int)value);
        return bytes;
    }

    private static byte[] FlipBit(byte[] bytes, Random random, int from)
    {
        if (bytes.Length <= from) return bytes;
        bytes[from + random.Next(bytes.Length - from)] ^= (byte)(1 << random.Next(8));
        return bytes;
    }

    private static byte[] SetByte(byte[] bytes, Random random, int from)
    {
        if (bytes.Length <= from) return bytes;
        bytes[from + random.Next(bytes.Length - from)] = (byte)(random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => random.Next(256) });
        return bytes;
    }

    private static byte[] Overwrite(byte[] bytes, Random random, int from, long value, int width) =>
        bytes.Length - width < from ? bytes : WriteAt(bytes, from + random.Next(bytes.Length - width - from + 1), value, width);

    /// <summary>A varint that claims a huge or negative length, or never ends.</summary>
    private static byte[] OverwriteVarint(byte[] bytes, Random random, int from)
    {
        byte[] varint = random.Next(3) switch
        {
            0 => [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], // 2^32 - 1 unsigned; -2^31 zig-zag
            1 => [0xFE, 0xFF, 0xFF, 0xFF, 0x0F], // int.MaxValue zig-zag
            _ => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], // longer than any varint
        };
        if (bytes.Length <= from) return [.. bytes, .. varint];
        var at = from + random.Next(bytes.Length - from);
        return [.. bytes[..at], .. varint, .. bytes[Math.Min(bytes.Length, at + 1 + random.Next(3))..]];
    }

    private static byte[] Insert(byte[] bytes, Random random, int from, byte[] inserted)
    {
        var at = from + random.Next(Math.Max(bytes.Length - from, 0) + 1);
        at = Math.Min(at, bytes.Length);
        return [.. bytes[..at], .. inserted, .. bytes[at..]];
    }
}
