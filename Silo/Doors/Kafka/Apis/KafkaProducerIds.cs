using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>Kafka's idempotent producer ids (an int64 and an epoch) as AKLight's producer ids (a GUID).</summary>
public static class KafkaProducerIds
{
    /// <summary>A new producer id: random, so silos hand out distinct ids without asking each other.</summary>
    public static long New() => BinaryPrimitives.ReadInt64BigEndian(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;

    /// <summary>The AKLight producer for a Kafka producer id and epoch; none (no idempotence) for id -1.</summary>
    public static Guid ToAkLight(long producerId, short epoch)
    {
        if (producerId < 0) return Guid.Empty;
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, producerId);
        BinaryPrimitives.WriteInt16BigEndian(bytes[8..], epoch);
        "KF"u8.CopyTo(bytes[10..]); // Kafka-made ids never equal a random .NET producer's GUID
        return new Guid(bytes);
    }
}
