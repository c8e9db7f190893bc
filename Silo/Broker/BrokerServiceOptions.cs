namespace AkLight.Silo.Broker;

/// <summary>How the broker service serves the doors, bound from <c>AkLight:Service</c>.</summary>
public sealed class BrokerServiceOptions : IValidatedOptions
{
    public const string Section = "AkLight:Service";

    /// <summary>How long a publish retries while the store is unreachable before it reports failure. Default 10 s.</summary>
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest long-poll wait of one fetch: well inside Orleans' 30-second call timeout. Default 20 s.</summary>
    public TimeSpan MaxFetchWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <inheritdoc/>
    public string? Validate()
    {
        if (ProduceTimeout <= TimeSpan.Zero) return $"{Section}:ProduceTimeout must be positive, got {ProduceTimeout}";
        if (MaxFetchWait <= TimeSpan.Zero || MaxFetchWait >= TimeSpan.FromSeconds(30)) return $"{Section}:MaxFetchWait must be between 0 and 30 s, got {MaxFetchWait}";
        return null;
    }
}
