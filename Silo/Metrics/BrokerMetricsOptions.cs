namespace AkLight.Silo.Metrics;

/// <summary>The <c>/metrics</c> endpoint (section <c>AkLight:Metrics</c>).</summary>
public sealed class BrokerMetricsOptions : IValidatedOptions
{
    public const string Section = "AkLight:Metrics";

    /// <summary>Where Prometheus scrapes.</summary>
    public const string Path = "/metrics";

    /// <summary>Serve <see cref="Path"/> on the HTTP listener (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Let anyone who reaches the port scrape without a key (default false). With principals configured, a scrape
    /// otherwise needs a valid API key of any principal (Prometheus: <c>authorization: { credentials: name:secret }</c>);
    /// without principals every caller is anonymous and may scrape.
    /// </summary>
    public bool Anonymous { get; set; }

    /// <summary>How often the consumer groups' members and lag are sampled (they are not on the message path).</summary>
    public TimeSpan GroupSampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <inheritdoc/>
    public string? Validate() =>
        GroupSampleInterval > TimeSpan.Zero ? null : $"{Section}:GroupSampleInterval must be a positive duration, got {GroupSampleInterval}";
}
