namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>One Kafka request type: the versions it speaks and how it answers them.</summary>
public interface IKafkaApi
{
    KafkaApiKey Key { get; }

    short MinVersion { get; }

    short MaxVersion { get; }

    /// <summary>The first version with flexible encoding (tagged fields, compact strings); beyond <see cref="MaxVersion"/> when none is spoken.</summary>
    short FlexibleFrom => short.MaxValue;

    /// <summary>
    /// Reads the request body from <paramref name="request"/> and writes the response body to
    /// <paramref name="response"/>; returns false when the request gets no response (produce with acks=0).
    /// </summary>
    Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response);
}

/// <summary>One request as received: its header, its body, and the connection it came on.</summary>
public sealed record class KafkaRequest(KafkaApiKey Key, short Version, int CorrelationId, string? ClientId, KafkaReader Body, KafkaConnectionState Connection);
