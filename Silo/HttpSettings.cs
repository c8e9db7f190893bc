namespace AkLight.Silo;

/// <summary>The HTTP API and web console, bound from <c>AkLight:Http</c>. They share the dashboard's listener.</summary>
public sealed class HttpSettings
{
    public const string Section = "AkLight:Http";

    /// <summary>
    /// Serve the HTTP API (<c>/api</c>, <c>/openapi/v1.json</c>) and the web console (<c>/</c>). Unset, it follows
    /// <see cref="DashboardSettings.Enabled"/> (default on), so turning the dashboard off alone still leaves the
    /// silo without any HTTP port; true serves them without the dashboard, false serves only the dashboard.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Largest request body accepted (a produce batch), in bytes; larger ones get 413. Default 16 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long a produce request retries while the store is unreachable before it answers 503. Default 10 s.</summary>
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when the API and console are served with these settings and <paramref name="dashboard"/>.</summary>
    public bool ServesApi(DashboardSettings dashboard) => Enabled ?? dashboard.Enabled;

    /// <summary>Throws when a setting is out of range, so a bad configuration fails at start.</summary>
    public void Validate()
    {
        if (MaxRequestBytes <= 0) throw new ArgumentException($"{Section}:MaxRequestBytes must be positive, got {MaxRequestBytes}");
        if (ProduceTimeout <= TimeSpan.Zero) throw new ArgumentException($"{Section}:ProduceTimeout must be positive, got {ProduceTimeout}");
    }
}
