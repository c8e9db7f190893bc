using AkLight.Records;
using System.Buffers.Binary;
using System.Text;

namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>
/// Reads Kafka's primitive types (big-endian integers, varints, strings, bytes, arrays; classic and compact
/// forms) from one request. Reading past the end throws <see cref="KafkaProtocolException"/>.
/// </summary>
public sealed class KafkaReader(ReadOnlyMemory<byte> data)
{
    private int _position;

    public int Remaining => data.Length - _position;

    public sbyte Int8() => (sbyte)Take(1)[0];

    public bool Bool() => Take(1)[0] != 0;

    public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public uint UnsignedVarint()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Take(1)[0];
            value |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new KafkaProtocolException("an unsigned varint is longer than 5 bytes");
    }

    public int Varint() => Varints.ZigZag(UnsignedVarlongCore(35));

    public long Varlong() => Varints.ZigZag64(UnsignedVarlongCore(70));

    public string String() => NullableString() ?? throw new KafkaProtocolException("a non-nullable string is null");

    public string? NullableString()
    {
        var length = Int16();
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    public string CompactString() => CompactNullableString() ?? throw new KafkaProtocolException("a non-nullable compact string is null");

    public string? CompactNullableString()
    {
        var length = (int)UnsignedVarint() - 1;
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    public ReadOnlyMemory<byte>? NullableBytes()
    {
        var length = Int32();
        return length < 0 ? null : TakeMemory(length);
    }

    public ReadOnlyMemory<byte> Bytes() => NullableBytes() ?? ReadOnlyMemory<byte>.Empty;

    public ReadOnlyMemory<byte>? CompactNullableBytes()
    {
        var length = (int)UnsignedVarint() - 1;
        return length < 0 ? null : TakeMemory(length);
    }

    /// <summary>An array's element count; -1 for a null array.</summary>
    public int ArrayLength()
    {
        var count = Int32();
        if (count > Remaining) throw new KafkaProtocolException($"an array claims {count} elements in {Remaining} bytes");
        return count;
    }

    public int CompactArrayLength() => (int)UnsignedVarint() - 1;

    /// <summary>Reads <paramref name="read"/> for each element of a classic array (null: empty).</summary>
    public List<T> Array<T>(Func<KafkaReader, T> read)
    {
        var count = ArrayLength();
        var items = new List<T>(Math.Max(count, 0));
        for (var i = 0; i < count; i++) items.Add(read(this));
        return items;
    }

    /// <summary>Skips a flexible version's tagged fields, which this broker does not use.</summary>
    public void SkipTaggedFields()
    {
        var count = UnsignedVarint();
        for (var i = 0; i < count; i++)
        {
            UnsignedVarint();
            Take((int)UnsignedVarint());
        }
    }

    /// <summary>What is left to read, without reading it.</summary>
    public ReadOnlyMemory<byte> Rest => data[_position..];

    public ReadOnlyMemory<byte> TakeMemory(int length)
    {
        if (length < 0 || length > Remaining) throw new KafkaProtocolException($"a field of {length} bytes is longer than the {Remaining} bytes left");
        var slice = data.Slice(_position, length);
        _position += length;
        return slice;
    }

    private ReadOnlySpan<byte> Take(int length) => TakeMemory(length).Span;

    private ulong UnsignedVarlongCore(int maxBits)
    {
        ulong value = 0;
        for (var shift = 0; shift < maxBits; shift += 7)
        {
            var b = Take(1)[0];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new KafkaProtocolException("a varint is too long");
    }
}

/// <summary>A request that does not follow the protocol; the connection cannot continue.</summary>
public sealed class KafkaProtocolException(string message) : Exception(message);
