namespace AkLight.Silo.Transport;

/// <summary>What the gateway port takes before a client has shown anything, bound from <c>AkLight:Gateway</c>.</summary>
public sealed class GatewayGuardOptions : IValidatedOptions
{
    public const string Section = "AkLight:Gateway";

    /// <summary>Connections open at once on the gateway port; more are closed as they arrive.</summary>
    public int MaxConnections { get; set; } = 1000;

    /// <summary>Connections open at once from one remote address.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 100;

    /// <summary>How long a new connection may stay silent before it is closed (a client sends its handshake at once).</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc/>
    public string? Validate() =>
        MaxConnections < 1 ? $"{Section}:MaxConnections must be at least 1, got {MaxConnections}"
        : MaxConnectionsPerAddress < 1 ? $"{Section}:MaxConnectionsPerAddress must be at least 1, got {MaxConnectionsPerAddress}"
        : HandshakeTimeout <= TimeSpan.Zero ? $"{Section}:HandshakeTimeout must be positive, got {HandshakeTimeout}"
        : null;
}
