using System.Net;

namespace AkLight.Silo.Doors.Kafka;

/// <summary>The Kafka door, bound from <c>AkLight:Kafka</c>.</summary>
public sealed class KafkaOptions
{
    public const string Section = "AkLight:Kafka";

    /// <summary>
    /// Listen for Kafka clients. Default off: Kafka's port is one per machine, and several silos often share a
    /// machine (tests, the host-network compose file); turn it on where clients need it.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Address to listen on. Default 127.0.0.1: this machine only, like every listener without principals.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on. Default 9092, Kafka's.</summary>
    public int Port { get; set; } = 9092;

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

    public IPAddress ListenAddress => IPAddress.Parse(Address);

    public string AdvertisedHostName =>
        !string.IsNullOrWhiteSpace(AdvertisedHost) ? AdvertisedHost
        : ListenAddress.Equals(IPAddress.Any) || ListenAddress.Equals(IPAddress.IPv6Any) ? Environment.MachineName : Address;

    public int AdvertisedPortNumber => AdvertisedPort ?? Port;

    /// <summary>Why these settings cannot work, or null when they can.</summary>
    public string? Validate()
    {
        if (!IPAddress.TryParse(Address, out _)) return $"{Section}:Address must be an IP address, got '{Address}'";
        if (Port is < 1 or > 65535) return $"{Section}:Port must be between 1 and 65535, got {Port}";
        if (AdvertisedPort is < 1 or > 65535) return $"{Section}:AdvertisedPort must be between 1 and 65535, got {AdvertisedPort}";
        if (MaxRequestBytes < 1024) return $"{Section}:MaxRequestBytes must be at least 1024, got {MaxRequestBytes}";
        if (MaxInFlightPerConnection < 1) return $"{Section}:MaxInFlightPerConnection must be at least 1, got {MaxInFlightPerConnection}";
        return null;
    }
}
