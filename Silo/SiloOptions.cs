namespace AkLight.Silo;

/// <summary>The silo's network settings, bound from <c>AkLight:Silo</c>.</summary>
public sealed class SiloOptions
{
    public const string Section = "AkLight:Silo";

    /// <summary>Port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (producers, consumers) connect to: what <c>--broker host:port</c> names.</summary>
    public int GatewayPort { get; set; } = 30000;
}
