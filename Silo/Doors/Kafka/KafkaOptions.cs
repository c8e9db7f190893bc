using System.Net;

namespace AkLight.Silo.Doors.Kafka;

/// <summary>The Kafka door, bound from <c>AkLight:Kafka</c>.</summary>
public sealed class KafkaOptions : IValidatedOptions
{
    public const string Section = "AkLight:Kafka";

    /// <summary>
    /// Listen for Kafka clients. Default on, as the MQTT door: several silos on one machine each need a
    /// <see cref="Port"/> of their own (or the door off).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on. Default 127.0.0.1: this machine only, like every listener without principals.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on. Default 9092, Kafka's.</summary>
    public int Port { get; set; } = 9092;

    /// <summary>Kafka over TLS (Kafka's SSL and SASL_SSL), served only when <see cref="CertificatePath"/> is set. Default 9093.</summary>
    public int TlsPort { get; set; } = 9093;

    /// <summary>The TLS listener's certificate, PEM (its chain may follow it); with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key, PEM (PKCS#8, or PKCS#1/SEC1).</summary>
    public string? KeyPath { get; set; }

    /// <summary>Port TLS clients are told to connect to; default <see cref="TlsPort"/>.</summary>
    public int? AdvertisedTlsPort { get; set; }

    /// <summary>
    /// Host name clients are told to connect to (Metadata, FindCoordinator). Default: <see cref="Address"/>, or the
    /// machine's name when listening on every address.
    /// </summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Port clients are told to connect to; default <see cref="Port"/> (set it behind port forwarding).</summary>
    public int? AdvertisedPort { get; set; }

    /// <summary>Largest request a client may send, in bytes. Default 100 MiB, Kafka's socket.request.max.bytes.</summary>
    public int MaxRequestBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Requests of one connection being answered at once; further ones wait. Default 64.</summary>
    public int MaxInFlightPerConnection { get; set; } = 64;

    /// <summary>
    /// Largest request before the connection has authenticated (on a broker with principals), in bytes. Default
    /// 64 KiB: ample for ApiVersions, SaslHandshake, SaslAuthenticate and Metadata, while an unknown client cannot
    /// make the silo hold <see cref="MaxRequestBytes"/> per connection.
    /// </summary>
    public int MaxUnauthenticatedRequestBytes { get; set; } = 64 * 1024;

    /// <summary>A connection that has not authenticated within this (on a broker with principals) is closed. Default 10 s.</summary>
    public TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections one listener (plain or TLS) holds open at once; further ones are closed at once. Default 1,000.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Connections one listener holds open from one remote address; further ones are closed at once. Default 100.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 100;

    /// <summary>
    /// Bytes one Fetch answers at most, whatever its <c>max_bytes</c> asks (at least the first batch of the first
    /// partition with data is always sent, as in Kafka). Default 64 MiB.
    /// </summary>
    public int MaxFetchResponseBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Distinct partitions one Fetch, ListOffsets, OffsetCommit or OffsetFetch may name (topics, for Metadata); a request naming more
    /// closes the connection. Duplicates count once (the last one is answered). Default 10,000.
    /// </summary>
    public int MaxPartitionsPerRequest { get; set; } = 10_000;

    /// <summary>Shortest session timeout a JoinGroup may ask; shorter ones get INVALID_SESSION_TIMEOUT. Default 6 s, Kafka's group.min.session.timeout.ms.</summary>
    public TimeSpan GroupMinSessionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Longest session timeout a JoinGroup may ask. Default 30 min, Kafka's group.max.session.timeout.ms.</summary>
    public TimeSpan GroupMaxSessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Longest rebalance timeout a JoinGroup may ask (how long a round waits for every member to rejoin); longer ones
    /// get INVALID_SESSION_TIMEOUT. Default 5 min, the clients' default max.poll.interval.ms.
    /// </summary>
    public TimeSpan GroupMaxRebalanceTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public IPAddress ListenAddress => IPAddress.Parse(Address);

    public string AdvertisedHostName =>
        !string.IsNullOrWhiteSpace(AdvertisedHost) ? AdvertisedHost
        : ListenAddress.Equals(IPAddress.Any) || ListenAddress.Equals(IPAddress.IPv6Any) ? Environment.MachineName : Address;

    public int AdvertisedPortNumber => AdvertisedPort ?? Port;

    public int AdvertisedTlsPortNumber => AdvertisedTlsPort ?? TlsPort;

    public bool ServesTls => CertificatePath is not null;

    /// <inheritdoc/>
    public string? Validate()
    {
        if (!IPAddress.TryParse(Address, out _)) return $"{Section}:Address must be an IP address, got '{Address}'";
        var ports = Ports.Problem(Port, $"{Section}:Port") ?? Ports.Problem(AdvertisedPortNumber, $"{Section}:AdvertisedPort")
            ?? Ports.Problem(TlsPort, $"{Section}:TlsPort") ?? Ports.Problem(AdvertisedTlsPortNumber, $"{Section}:AdvertisedTlsPort");
        if (ports is not null) return ports;
        if (ServesTls && TlsPort == Port) return $"{Section}:TlsPort and Port must differ, both are {Port}";
        if (ServesTls && !File.Exists(CertificatePath)) return $"{Section}:CertificatePath: no file '{CertificatePath}'";
        if (ServesTls && KeyPath is null) return $"{Section}:KeyPath must name the certificate's private key (PEM)";
        if (KeyPath is not null && !File.Exists(KeyPath)) return $"{Section}:KeyPath: no file '{KeyPath}'";
        if (MaxRequestBytes < 1024) return $"{Section}:MaxRequestBytes must be at least 1024, got {MaxRequestBytes}";
        if (MaxInFlightPerConnection < 1) return $"{Section}:MaxInFlightPerConnection must be at least 1, got {MaxInFlightPerConnection}";
        if (MaxUnauthenticatedRequestBytes < 1024 || MaxUnauthenticatedRequestBytes > MaxRequestBytes)
            return $"{Section}:MaxUnauthenticatedRequestBytes must be from 1024 to MaxRequestBytes ({MaxRequestBytes}), got {MaxUnauthenticatedRequestBytes}";
        if (AuthenticationTimeout <= TimeSpan.Zero) return $"{Section}:AuthenticationTimeout must be positive, got {AuthenticationTimeout}";
        if (MaxConnections < 1) return $"{Section}:MaxConnections must be at least 1, got {MaxConnections}";
        if (MaxConnectionsPerAddress < 1 || MaxConnectionsPerAddress > MaxConnections)
            return $"{Section}:MaxConnectionsPerAddress must be from 1 to MaxConnections ({MaxConnections}), got {MaxConnectionsPerAddress}";
        if (MaxFetchResponseBytes < 1024) return $"{Section}:MaxFetchResponseBytes must be at least 1024, got {MaxFetchResponseBytes}";
        if (MaxPartitionsPerRequest < 1) return $"{Section}:MaxPartitionsPerRequest must be at least 1, got {MaxPartitionsPerRequest}";
        if (GroupMinSessionTimeout <= TimeSpan.Zero || GroupMinSessionTimeout > GroupMaxSessionTimeout)
            return $"{Section}:GroupMinSessionTimeout must be positive and at most GroupMaxSessionTimeout ({GroupMaxSessionTimeout}), got {GroupMinSessionTimeout}";
        if (GroupMaxRebalanceTimeout <= TimeSpan.Zero) return $"{Section}:GroupMaxRebalanceTimeout must be positive, got {GroupMaxRebalanceTimeout}";
        return null;
    }

    /// <summary>Null when JoinGroup's timeouts are within the group bounds; otherwise what is wrong with them.</summary>
    public string? GroupTimeoutProblem(TimeSpan session, TimeSpan rebalance) =>
        session < GroupMinSessionTimeout || session > GroupMaxSessionTimeout
            ? $"session timeout {session.TotalMilliseconds} ms is outside {GroupMinSessionTimeout.TotalMilliseconds} to {GroupMaxSessionTimeout.TotalMilliseconds} ms ({Section}:GroupMinSessionTimeout, GroupMaxSessionTimeout)"
        : rebalance <= TimeSpan.Zero || rebalance > GroupMaxRebalanceTimeout
            ? $"rebalance timeout {rebalance.TotalMilliseconds} ms is outside 1 to {GroupMaxRebalanceTimeout.TotalMilliseconds} ms ({Section}:GroupMaxRebalanceTimeout)"
        : null;
}
