namespace AkLight.Silo.Doors.Mqtt;

/// <summary>The MQTT 3.1.1 and 5 listener, bound from <c>AkLight:Mqtt</c>.</summary>
public sealed class MqttOptions : IValidatedOptions
{
    public const string Section = "AkLight:Mqtt";

    /// <summary>Serve MQTT. Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Address to listen on. Unset: 0.0.0.0 when the silo listens on any address (<c>AkLight:Silo:ListenOnAnyAddress</c>),
    /// else 127.0.0.1. Beyond loopback the silo needs principals, like every listener.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>Plain MQTT port. Default 1883.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>MQTT over TLS port, served only when <see cref="CertificatePath"/> is set. Default 8883.</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>A PKCS#12 (.pfx) file with the server certificate and its key: turns the TLS listener on.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>, if it has one.</summary>
    [Secret]
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Key rules for publishes without an <c>aklight-key</c> user property: the first rule whose filter matches the
    /// topic keys the message by that topic level (1 = first), so its partition follows that level. No rule: the topic name is the key (one partition per MQTT topic, in order).
    /// </summary>
    public List<MqttKeyRule> KeyRules { get; set; } = [];

    /// <summary>Most messages one fetch of a subscriber's session brings. Default 100.</summary>
    public int FetchBatch { get; set; } = 100;

    /// <summary>
    /// How long a subscriber's fetch waits for new messages. Short, because a subscribe or commit of that client
    /// waits behind it. Default 1 s.
    /// </summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most messages queued or awaiting acknowledgement per client before its delivery pauses. Default 200.</summary>
    public int MaxInFlight { get; set; } = 200;

    /// <summary>
    /// Largest MQTT packet a client may send, told to MQTT 5 clients in CONNACK (Maximum Packet Size); a larger one
    /// closes the connection (MQTT 5: DISCONNECT 0x95 packet too large). Unset: the broker's largest message
    /// (<c>AkLight:Broker:MaxMessageBytes</c>) plus 64 KiB for the topic and properties.
    /// </summary>
    public int? MaxPacketSize { get; set; }

    /// <summary>Bounds of <see cref="MaxPacketSize"/>: room for a small PUBLISH, and the protocol's own limit (remaining length at most 268,435,455 bytes).</summary>
    public const int SmallestMaxPacketSize = 1024, LargestMaxPacketSize = 268_435_460;

    /// <summary>
    /// Largest CONNECT packet (will and credentials included), read before the client is authenticated; a larger one
    /// closes the connection as soon as its length is read. Default 64 KiB.
    /// </summary>
    public int MaxConnectPacketSize { get; set; } = 64 * 1024;

    /// <summary>Bounds of <see cref="MaxConnectPacketSize"/>: room for a client id, credentials and a small will.</summary>
    public const int SmallestMaxConnectPacketSize = 256;

    /// <summary>How long a new connection (its TLS handshake aside) may take to send a whole CONNECT before it is closed. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most connections open at once on each listening port (plain, TLS); more are closed at once. Default 1,000.</summary>
    public int MaxConnectionsPerPort { get; set; } = 1000;

    /// <summary>Most connections open at once from one remote address on each listening port; more are closed at once. Default 100.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 100;

    /// <summary>
    /// Most topic aliases an MQTT 5 client may set on a connection (Topic Alias Maximum, told in CONNACK): each keeps a
    /// topic name in memory for the connection's life. A PUBLISH with a larger alias gets DISCONNECT 0x94 "topic alias
    /// invalid". 0 turns topic aliases off. Default 10 (Mosquitto's).
    /// </summary>
    public int TopicAliasMaximum { get; set; } = 10;

    /// <summary>
    /// Server Keep Alive (MQTT 5 §3.2.2.3.14): when set, told to every MQTT 5 client in CONNACK, and the connection is
    /// held to it instead of the client's own keep-alive: one silent for 1.5 times as long is closed (DISCONNECT 0x8D).
    /// Whole seconds, 1 s to 65,535 s. Unset (the default): each client's own keep-alive is kept. MQTT 3.1.1 has no way
    /// to tell a client, so its own keep-alive always applies.
    /// </summary>
    public TimeSpan? ServerKeepAlive { get; set; }

    /// <summary>The Maximum Packet Size in force: <see cref="MaxPacketSize"/>, or the broker's largest message plus 64 KiB.</summary>
    public uint EffectiveMaxPacketSize(int maxMessageBytes) =>
        (uint)(MaxPacketSize ?? (int)Math.Min(LargestMaxPacketSize, (long)maxMessageBytes + 64 * 1024));

    /// <inheritdoc/>
    public string? Validate()
    {
        if ((Ports.Problem(Port, $"{Section}:Port") ?? Ports.Problem(TlsPort, $"{Section}:TlsPort")) is { } port) return port;
        if (CertificatePath is not null && TlsPort == Port) return $"{Section}:TlsPort and Port must differ, both are {Port}";
        if (CertificatePath is not null && !File.Exists(CertificatePath)) return $"{Section}:CertificatePath: no file '{CertificatePath}'";
        if (FetchBatch <= 0) return $"{Section}:FetchBatch must be positive, got {FetchBatch}";
        if (FetchWait <= TimeSpan.Zero || FetchWait > TimeSpan.FromSeconds(10)) return $"{Section}:FetchWait must be between 0 and 10 s, got {FetchWait}";
        if (MaxPacketSize is < SmallestMaxPacketSize or > LargestMaxPacketSize)
            return $"{Section}:MaxPacketSize must be between {SmallestMaxPacketSize} and {LargestMaxPacketSize} bytes, got {MaxPacketSize}";
        if (MaxInFlight <= 0) return $"{Section}:MaxInFlight must be positive, got {MaxInFlight}";
        if (MaxConnectPacketSize is < SmallestMaxConnectPacketSize or > LargestMaxPacketSize)
            return $"{Section}:MaxConnectPacketSize must be between {SmallestMaxConnectPacketSize} and {LargestMaxPacketSize} bytes, got {MaxConnectPacketSize}";
        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(5)) return $"{Section}:ConnectTimeout must be between 0 and 5 minutes, got {ConnectTimeout}";
        if (MaxConnectionsPerPort <= 0) return $"{Section}:MaxConnectionsPerPort must be positive, got {MaxConnectionsPerPort}";
        if (MaxConnectionsPerAddress <= 0) return $"{Section}:MaxConnectionsPerAddress must be positive, got {MaxConnectionsPerAddress}";
        if (ServerKeepAlive is { } keepAlive && (keepAlive < TimeSpan.FromSeconds(1) || keepAlive > TimeSpan.FromSeconds(ushort.MaxValue) || keepAlive.Ticks % TimeSpan.TicksPerSecond != 0))
            return $"{Section}:ServerKeepAlive must be whole seconds between 1 and {ushort.MaxValue} (MQTT 5 gives it in seconds), got {keepAlive}";
        if (TopicAliasMaximum is < 0 or > ushort.MaxValue) return $"{Section}:TopicAliasMaximum must be between 0 and {ushort.MaxValue}, got {TopicAliasMaximum}";
        for (var i = 0; i < KeyRules.Count; i++)
            if (KeyRules[i].Check() is { } error) return $"{Section}:KeyRules:{i}: {error}";
        return null;
    }
}

/// <summary>Keys the messages of topics matching <see cref="Filter"/> by their topic level <see cref="Level"/>.</summary>
public sealed class MqttKeyRule
{
    /// <summary>Topic filter, such as <c>metrics/docker/+/+/#</c>.</summary>
    public string Filter { get; set; } = "";

    /// <summary>The level that becomes the key, 1 for the first: 4 keys <c>metrics/docker/host1/web-1/cpu</c> by <c>web-1</c>.</summary>
    public int Level { get; set; }

    /// <summary>Why the rule is wrong, or null.</summary>
    public string? Check() =>
        TopicFilter.Validate(Filter) ?? (Level < 1 ? $"Level must be 1 or more, got {Level}" : null);

    /// <summary>The key of <paramref name="topic"/> under this rule, or null when the rule does not apply.</summary>
    public string? KeyOf(string topic)
    {
        if (!TopicFilter.Parse(Filter).Matches(topic)) return null;
        var levels = topic.Split('/');
        return Level <= levels.Length ? levels[Level - 1] : null;
    }
}
