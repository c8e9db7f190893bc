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
        return null;
    }
}
