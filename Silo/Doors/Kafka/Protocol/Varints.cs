namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>Zig-zag encoding of signed varints, as Kafka's record format uses them.</summary>
public static class Varints
{
    public static int ZigZag(ulong value) => (int)((uint)value >> 1) ^ -(int)((uint)value & 1);

    public static long ZigZag64(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    public static ulong Encode(long value) => (ulong)((value << 1) ^ (value >> 63));
}
