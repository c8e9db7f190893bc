namespace AkLight;

/// <summary>
/// What outlives an MQTT client's connection and its silo: the principal that owns the client id, its session expiry,
/// which connection is the current one and its subscriptions with their options. Keyed by MQTT client id; the messages and commits are in the client's
/// AKLight consumer session (<c>mqtt:{client id}</c>), which this grain ends when the MQTT session expires.
/// </summary>
public interface IMqttSessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// A connection of the client was accepted on <paramref name="silo"/>. With <paramref name="cleanStart"/> the
    /// session starts afresh; otherwise an unexpired session is taken up (and a new connection number given).
    /// <paramref name="expirySeconds"/> 0 keeps nothing after the connection, <see cref="uint.MaxValue"/> never expires.
    /// Called as the connecting principal: the client id belongs to the principal whose session it is until the session
    /// ends, so another one (not a superuser) gets <see cref="AccessDeniedException"/> and nothing changes.
    /// </summary>
    Task<MqttSessionTakeUp> ConnectAsync(string silo, bool cleanStart, uint expirySeconds);

    /// <summary>Connection <paramref name="connection"/> ended; the session expires <paramref name="expirySeconds"/> later.</summary>
    Task DisconnectAsync(long connection, uint expirySeconds);

    /// <summary>The client's subscriptions changed (while connection <paramref name="connection"/> is the current one).</summary>
    Task SaveSubscriptionsAsync(long connection, IReadOnlyList<MqttSubscriptionRecord> subscriptions);

    /// <summary>True when a connection after <paramref name="connection"/> took the session up (a delayed will is then not sent).</summary>
    Task<bool> ResumedSinceAsync(long connection);
}

/// <summary>What a connecting client gets: its connection number, whether a session was present, and where and what it was.</summary>
[GenerateSerializer, Alias("AkLight.MqttSessionTakeUp")]
public sealed record MqttSessionTakeUp(
    [property: Id(0)] long Connection,
    [property: Id(1)] bool SessionPresent,
    [property: Id(2)] string? PreviousSilo,
    [property: Id(3)] IReadOnlyList<MqttSubscriptionRecord> Subscriptions);

/// <summary>An MQTT subscription as the client made it: filter (shared ones included), QoS and subscribe options.</summary>
[GenerateSerializer, Alias("AkLight.MqttSubscriptionRecord")]
public sealed class MqttSubscriptionRecord
{
    [Id(0)] public string Filter { get; set; } = "";

    [Id(1)] public int Qos { get; set; }

    [Id(2)] public bool NoLocal { get; set; }

    [Id(3)] public bool RetainAsPublished { get; set; }

    [Id(4)] public int RetainHandling { get; set; }
}
