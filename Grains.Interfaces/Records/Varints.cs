namespace AkLight.Records;

/// <summary>Zig-zag encoding of signed varints, as Kafka's record format uses them.</summary>
public static class Varints
{
    public static int ZigZag(ulong value) => (int)((uint)value >> 1) ^ -(int)((uint)value & 1);

    public static long ZigZag64(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    public static ulong Encode(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>Bytes <paramref name="value"/> takes as a zig-zag varint.</summary>
    public static int SizeOf(long value)
    {
        var encoded = Encode(value);
        var size = 1;
        while (encoded >= 0x80)
        {
            encoded >>= 7;
            size++;
        }
        return size;
    }

    /// <summary>Writes <paramref name="value"/> as a zig-zag varint at <paramref name="at"/>; returns the position after it.</summary>
    public static int Write(Span<byte> into, int at, long value)
    {
        var encoded = Encode(value);
        while (encoded >= 0x80)
        {
            into[at++] = (byte)(encoded | 0x80);
            encoded >>= 7;
        }
        into[at++] = (byte)encoded;
        return at;
    }

    /// <summary>Reads a zig-zag varint (at most 10 bytes) at <paramref name="at"/>, moving it past the value.</summary>
    public static long Read(ReadOnlySpan<byte> from, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (at >= from.Length) throw new InvalidDataException("a varint is cut short");
            var b = from[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return ZigZag64(value);
        }
        throw new InvalidDataException("a varint is longer than 10 bytes");
    }
}
