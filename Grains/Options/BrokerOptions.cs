namespace AkLight.Grains.Options;

/// <summary>Broker settings, bound from the configuration section <c>AkLight:Broker</c>.</summary>
public sealed class BrokerOptions : IValidatedOptions
{
    public const string Section = "AkLight:Broker";

    /// <summary>Largest message (key + payload + headers) accepted, in bytes. Default 1 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Partitions of a topic created on first publish when no rule in <see cref="TopicDefaults"/> matches.</summary>
    public int DefaultPartitions { get; set; } = 4;

    /// <summary>Retention of a topic created on first publish when no rule in <see cref="TopicDefaults"/> matches.</summary>
    public TimeSpan DefaultRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Defaults per filter for topics created on first publish; the first matching rule wins.</summary>
    public List<TopicDefaultRule> TopicDefaults { get; set; } = [];

    /// <summary>
    /// Most time between two retention checks of a partition. A partition with a shorter retention is
    /// checked every quarter of its retention, but no more often than <see cref="MinRetentionCheck"/>.
    /// </summary>
    public TimeSpan MaxRetentionCheck { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Least time between two retention checks (the reminder period floor).</summary>
    public TimeSpan MinRetentionCheck { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Newest messages of a partition kept in memory for fast reads.</summary>
    public int HotTailMessages { get; set; } = 4096;

    /// <summary>Most bytes of payload held by one partition's in-memory tail.</summary>
    public int HotTailBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long a watch (a session's interest in a partition or index) lasts unless renewed.</summary>
    public TimeSpan WatchLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <inheritdoc/>
    public string? Validate()
    {
        if (MaxMessageBytes <= 0) return $"{Section}:MaxMessageBytes must be positive, got {MaxMessageBytes}";
        if (SettingsProblem(DefaultPartitions, DefaultRetention) is { } defaults) return $"{Section}:DefaultPartitions/DefaultRetention: {defaults}";
        foreach (var rule in TopicDefaults)
        {
            if (TopicFilter.Validate(rule.Filter) is { } filter) return $"{Section}:TopicDefaults rule '{rule.Filter}': {filter}";
            if (SettingsProblem(rule.Partitions, rule.Retention) is { } settings) return $"{Section}:TopicDefaults rule '{rule.Filter}': {settings}";
        }
        if (MinRetentionCheck <= TimeSpan.Zero || MaxRetentionCheck < MinRetentionCheck)
            return $"{Section}: need 0 < MinRetentionCheck <= MaxRetentionCheck, got {MinRetentionCheck} and {MaxRetentionCheck}";
        if (HotTailMessages < 0 || HotTailBytes < 0) return $"{Section}: hot tail sizes cannot be negative";
        if (WatchLease <= TimeSpan.Zero) return $"{Section}:WatchLease must be positive, got {WatchLease}";
        return null;
    }

    private static string? SettingsProblem(int partitions, TimeSpan retention)
    {
        try
        {
            new TopicSettings(partitions, retention).Validate();
            return null;
        }
        catch (ArgumentException error)
        {
            return error.Message;
        }
    }
}

/// <summary>Settings for topics created on first publish whose names match <see cref="Filter"/>.</summary>
public sealed class TopicDefaultRule
{
    /// <summary>A topic filter such as <c>metrics/#</c>.</summary>
    public string Filter { get; set; } = "#";

    public int Partitions { get; set; } = 4;

    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Keep the latest message per key beyond the retention (see <see cref="TopicSettings.Compact"/>).</summary>
    public bool Compact { get; set; }
}
