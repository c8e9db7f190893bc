namespace AkLight.Silo;

/// <summary>The silo's network settings, bound from <c>AkLight:Silo</c>.</summary>
public sealed class SiloOptions : IValidatedOptions
{
    public const string Section = "AkLight:Silo";

    /// <summary>Port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (producers, consumers) connect to: what <c>--broker host:port</c> names.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Cluster mode: the address other silos and clients reach this silo at, written to the membership table.
    /// An IP address, or a host name resolved to its first IPv4 address at start (in docker, the container's
    /// own name resolves to its IP). Default 127.0.0.1: a cluster on one machine.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Cluster mode: listen on every interface (true, needed behind docker port mappings) or only on
    /// <see cref="AdvertisedAddress"/> (false, the default). Either beyond loopback needs principals configured.
    /// </summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <inheritdoc/>
    public string? Validate() =>
        Ports.Problem(SiloPort, $"{Section}:SiloPort") ?? Ports.Problem(GatewayPort, $"{Section}:GatewayPort")
        ?? (SiloPort == GatewayPort ? $"{Section}: SiloPort and GatewayPort must differ, both are {SiloPort}" : null)
        ?? (string.IsNullOrWhiteSpace(AdvertisedAddress) ? $"{Section}:AdvertisedAddress must not be empty" : null);
}
