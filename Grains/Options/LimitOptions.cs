namespace AkLight.Grains.Options;

/// <summary>
/// What one principal, and everyone together, may hold at once, bound from <c>AkLight:Limits</c>. Each is refused
/// with <see cref="LimitExceededException"/> naming the setting; the defaults keep a small broker safe from one
/// careless (or hostile) client without getting in an ordinary deployment's way.
/// </summary>
public sealed class LimitOptions : IValidatedOptions
{
    public const string Section = "AkLight:Limits";

    /// <summary>Topics in the broker. Default 100,000.</summary>
    public int MaxTopics { get; set; } = 100_000;

    /// <summary>Topics one principal may have created. Default 10,000 (ignored without principals).</summary>
    public int MaxTopicsPerPrincipal { get; set; } = 10_000;

    /// <summary>Partitions of one topic. Default 64.</summary>
    public int MaxPartitionsPerTopic { get; set; } = 64;

    /// <summary>Shortest retention a topic may have; retention checks run no more often than this allows. Default 1 minute.</summary>
    public TimeSpan MinRetention { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Open consumer sessions in the broker, group members' included. Default 10,000.</summary>
    public int MaxSessions { get; set; } = 10_000;

    /// <summary>Open consumer sessions of one principal. Default 1,000.</summary>
    public int MaxSessionsPerPrincipal { get; set; } = 1_000;

    /// <summary>Server-Sent-Event streams open at once on one silo. Default 1,000.</summary>
    public int MaxStreams { get; set; } = 1_000;

    /// <summary>Server-Sent-Event streams of one principal open at once on one silo. Default 100.</summary>
    public int MaxStreamsPerPrincipal { get; set; } = 100;

    /// <summary>Members of one consumer group. Default 1,000.</summary>
    public int MaxGroupMembers { get; set; } = 1_000;

    /// <summary>Filters of one session (or one group member). Default 100.</summary>
    public int MaxFiltersPerSession { get; set; } = 100;

    /// <summary>Most bytes one partition read returns (at least one message is always returned). Default 8 MiB.</summary>
    public int MaxReadBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most messages one fetch returns. Default 10,000.</summary>
    public int MaxFetchMessages { get; set; } = 10_000;

    /// <summary>Throws <see cref="LimitExceededException"/> when a session asks for more filters than allowed.</summary>
    public void CheckFilters(int count)
    {
        if (count > MaxFiltersPerSession) throw new LimitExceededException("filters per session", MaxFiltersPerSession, $"{Section}:MaxFiltersPerSession", isQuota: false);
    }

    /// <summary>Throws when <paramref name="settings"/> ask for more partitions or a shorter retention than allowed.</summary>
    public void CheckTopic(TopicSettings settings)
    {
        if (settings.Partitions > MaxPartitionsPerTopic)
            throw new LimitExceededException("partitions per topic", MaxPartitionsPerTopic, $"{Section}:MaxPartitionsPerTopic", isQuota: false);
        if (settings.Retention < MinRetention)
            throw new LimitExceededException("shortest retention (ms)", (long)MinRetention.TotalMilliseconds, $"{Section}:MinRetention", isQuota: false);
    }

    /// <summary>Names the first setting out of range, or null when all are valid.</summary>
    public string? Validate()
    {
        var counts = new (string Name, long Value)[]
        {
            (nameof(MaxTopics), MaxTopics), (nameof(MaxTopicsPerPrincipal), MaxTopicsPerPrincipal),
            (nameof(MaxPartitionsPerTopic), MaxPartitionsPerTopic), (nameof(MaxSessions), MaxSessions),
            (nameof(MaxSessionsPerPrincipal), MaxSessionsPerPrincipal), (nameof(MaxStreams), MaxStreams),
            (nameof(MaxStreamsPerPrincipal), MaxStreamsPerPrincipal), (nameof(MaxGroupMembers), MaxGroupMembers),
            (nameof(MaxFiltersPerSession), MaxFiltersPerSession), (nameof(MaxReadBytes), MaxReadBytes),
            (nameof(MaxFetchMessages), MaxFetchMessages),
        };
        foreach (var (name, value) in counts)
            if (value < 1) return $"{Section}:{name} must be at least 1, got {value}";
        if (MaxPartitionsPerTopic > TopicSettings.MaxPartitions) return $"{Section}:MaxPartitionsPerTopic must be at most {TopicSettings.MaxPartitions}";
        if (MinRetention <= TimeSpan.Zero) return $"{Section}:MinRetention must be positive, got {MinRetention}";
        return null;
    }
}
