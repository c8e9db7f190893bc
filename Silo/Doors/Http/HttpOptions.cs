namespace AkLight.Silo.Doors.Http;

/// <summary>The HTTP API and web console, bound from <c>AkLight:Http</c>. They share the dashboard's listener.</summary>
public sealed class HttpOptions : IValidatedOptions
{
    public const string Section = "AkLight:Http";

    /// <summary>
    /// Serve the HTTP API (<c>/api</c>, <c>/openapi/v1.json</c>) and the web console (<c>/</c>). Unset, it follows
    /// <see cref="SiloDashboardOptions.Enabled"/> (default on), so turning the dashboard off alone still leaves the
    /// silo without any HTTP port; true serves them without the dashboard, false serves only the dashboard.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Largest request body accepted (a produce batch), in bytes; larger ones get 413. Default 16 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Other sites' origins (<c>https://ops.example.com</c>) whose pages may call the API from a browser. Default
    /// none: the API answers no cross-origin browser request, and refuses cross-site POST, PUT and DELETE.
    /// </summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>True when the API and console are served with these settings and <paramref name="dashboard"/>.</summary>
    public bool ServesApi(SiloDashboardOptions dashboard) => Enabled ?? dashboard.Enabled;

    /// <summary>Throws when a setting is out of range, so a bad configuration fails at start.</summary>
    public string? Validate()
    {
        if (MaxRequestBytes <= 0) return $"{Section}:MaxRequestBytes must be positive, got {MaxRequestBytes}";
        foreach (var origin in CorsOrigins)
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Query.Length > 0)
                return $"{Section}:CorsOrigins: '{origin}' is not an origin such as https://ops.example.com";
        return null;
    }
}
