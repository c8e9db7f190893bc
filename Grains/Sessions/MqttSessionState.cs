namespace AkLight.Grains.Sessions;

/// <summary>
/// An MQTT client's session as stored: the principal that owns its client id, its expiry, its current connection
/// (number, silo, connected or since when not) and its subscriptions. Written only for clients whose session outlives
/// the connection.
/// </summary>
[GenerateSerializer, Alias("AkLight.MqttSessionState")]
public sealed class MqttSessionState
{
    /// <summary>The number of the latest connection; each connection gets the next.</summary>
    [Id(0)] public long Connection { get; set; }

    [Id(1)] public bool Connected { get; set; }

    /// <summary>The silo serving the latest connection (<c>SiloAddress.ToParsableString</c>).</summary>
    [Id(2)] public string? Silo { get; set; }

    /// <summary>Seconds the session outlives its connection; <see cref="uint.MaxValue"/>: for ever.</summary>
    [Id(3)] public uint ExpirySeconds { get; set; }

    [Id(4)] public DateTimeOffset? DisconnectedAt { get; set; }

    [Id(5)] public List<MqttSubscriptionRecord> Subscriptions { get; set; } = [];

    /// <summary>The latest connection that took the session up (clean start off).</summary>
    [Id(6)] public long Resumed { get; set; }

    /// <summary>
    /// The principal whose session this is: only it (or a superuser) may connect with the client id until the session
    /// ends. Null in records written before client ids had owners; the next connection claims it.
    /// </summary>
    [Id(7)] public string? Owner { get; set; }

    public bool NeverExpires => ExpirySeconds == uint.MaxValue;

    /// <summary>True once the session has been without a connection for longer than its expiry.</summary>
    public bool IsExpired(DateTimeOffset now) =>
        !Connected && !NeverExpires && DisconnectedAt is { } since && now - since >= TimeSpan.FromSeconds(ExpirySeconds);

    /// <summary>
    /// How often the grain checks the session (its silo's death, its expiry): a quarter of the expiry, between
    /// <paramref name="shortest"/> and a minute; null when it never expires.
    /// </summary>
    public TimeSpan? CheckPeriod(TimeSpan shortest)
    {
        if (NeverExpires || ExpirySeconds == 0) return null;
        var quarter = TimeSpan.FromSeconds(ExpirySeconds / 4.0);
        return quarter < shortest ? shortest : quarter > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : quarter;
    }
}
