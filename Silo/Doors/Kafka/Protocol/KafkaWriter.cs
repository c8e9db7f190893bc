using AkLight.Records;
using System.Buffers.Binary;
using System.Text;

namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>Writes Kafka's primitive types into a growing buffer; lengths written ahead are patched in place.</summary>
public sealed class KafkaWriter
{
    private byte[] _buffer = new byte[256];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, Length);

    public void Int8(sbyte value) => Span(1)[0] = (byte)value;

    public void Bool(bool value) => Span(1)[0] = value ? (byte)1 : (byte)0;

    public void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Span(2), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Span(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Span(8), value);

    public void UnsignedVarint(ulong value)
    {
        while (value >= 0x80)
        {
            Span(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }
        Span(1)[0] = (byte)value;
    }

    public void Varint(long value) => UnsignedVarint(Varints.Encode(value));

    public void String(string? value)
    {
        if (value is null)
        {
            Int16(-1);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        Int16((short)bytes.Length);
        Raw(bytes);
    }

    public void CompactString(string? value)
    {
        if (value is null)
        {
            UnsignedVarint(0);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        UnsignedVarint((ulong)bytes.Length + 1);
        Raw(bytes);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        Raw(value);
    }

    public void NullableBytes(byte[]? value)
    {
        if (value is null) Int32(-1);
        else Bytes(value);
    }

    /// <summary>A classic array: its count, then <paramref name="write"/> for each item.</summary>
    public void Array<T>(IReadOnlyCollection<T> items, Action<KafkaWriter, T> write)
    {
        Int32(items.Count);
        foreach (var item in items) write(this, item);
    }

    /// <summary>An empty set of tagged fields, for flexible versions.</summary>
    public void NoTaggedFields() => UnsignedVarint(0);

    public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Span(bytes.Length));

    /// <summary>Leaves room for an int32 to be filled in by <see cref="PatchInt32"/>; returns its position.</summary>
    public int ReserveInt32()
    {
        Span(4);
        return Length - 4;
    }

    public void PatchInt32(int position, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(position, 4), value);

    /// <summary>Empties the buffer for reuse, keeping its capacity.</summary>
    public void Reset() => Length = 0;

    public Span<byte> WrittenSpan(int from) => _buffer.AsSpan(from, Length - from);

    private Span<byte> Span(int length)
    {
        if (Length + length > _buffer.Length) System.Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + length));
        var span = _buffer.AsSpan(Length, length);
        Length += length;
        return span;
    }
}
