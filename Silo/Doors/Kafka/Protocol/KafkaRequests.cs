using System.Buffers.Binary;

namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>Reads a request's header and finds what answers it.</summary>
public static class KafkaRequests
{
    /// <summary>
    /// The request in <paramref name="frame"/> and its API. Throws <see cref="RequestRefusedException"/> for a request
    /// that has no well-formed answer: an unknown type, a version outside the advertised ones (ApiVersions excepted:
    /// it answers any version), or anything but authentication before SASL on a broker with principals.
    /// </summary>
    public static (KafkaRequest Request, IKafkaApi Api) Parse(byte[] frame, KafkaApis apis, KafkaConnectionState connection)
    {
        var reader = new KafkaReader(frame);
        var key = (KafkaApiKey)reader.Int16();
        var version = reader.Int16();
        var correlationId = reader.Int32();
        var clientId = reader.NullableString();
        var api = apis.Find(key) ?? throw new RequestRefusedException($"request type {(short)key} is not supported by this broker (ApiVersions lists those that are)");
        var supported = version >= api.MinVersion && version <= api.MaxVersion;
        if (!supported && key != KafkaApiKey.ApiVersions)
            throw new RequestRefusedException($"{key} v{version} is not supported: this broker speaks v{api.MinVersion} to v{api.MaxVersion}");
        if (supported && version >= api.FlexibleFrom) reader.SkipTaggedFields();
        if (connection.Principal is null && !IsAuthentication(key))
            throw new RequestRefusedException($"{key} before authentication: this broker requires SASL/PLAIN with a principal's name and key");
        return (new KafkaRequest(key, version, correlationId, clientId, reader, connection), api);
    }

    /// <summary>True when the next request must wait for this one's answer (it changes who is on the connection).</summary>
    public static bool MustFinishFirst(byte[] frame) => IsAuthentication((KafkaApiKey)BinaryPrimitives.ReadInt16BigEndian(frame));

    private static bool IsAuthentication(KafkaApiKey key) => key is KafkaApiKey.ApiVersions or KafkaApiKey.SaslHandshake or KafkaApiKey.SaslAuthenticate;
}

/// <summary>A request this broker cannot answer in the protocol; the connection is closed, as Kafka brokers do.</summary>
public sealed class RequestRefusedException(string message) : Exception(message);
