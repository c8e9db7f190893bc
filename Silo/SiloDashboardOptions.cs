namespace AkLight.Silo;

/// <summary>
/// The Orleans dashboard the silo serves over HTTP, bound from <c>AkLight:Dashboard</c>. Its address and port are
/// the HTTP listener's, which also serves the HTTP API and web console (<see cref="Doors.Http.HttpOptions"/>).
/// </summary>
public sealed class SiloDashboardOptions : IValidatedOptions
{
    public const string Section = "AkLight:Dashboard";

    /// <summary>
    /// Serve the dashboard, at <c>/dashboard</c>. Default true. False leaves the silo without any HTTP listener
    /// unless <c>AkLight:Http:Enabled</c> is true (the HTTP API and console share this listener).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on: an IP (<c>0.0.0.0</c> for every interface) or a host name. Default 127.0.0.1.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>HTTP port. Default 8080.</summary>
    public int Port { get; set; } = 8080;

    /// <inheritdoc/>
    public string? Validate() =>
        Ports.Problem(Port, $"{Section}:Port") ?? (string.IsNullOrWhiteSpace(Address) ? $"{Section}:Address must not be empty" : null);
}
