namespace AkLight.Grains.Partitions;

/// <summary>Retention arithmetic: what to delete and how often to look.</summary>
public static class RetentionSchedule
{
    /// <summary>Messages with a timestamp before this are past retention.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now, TimeSpan retention) =>
        retention >= now - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : now - retention;

    /// <summary>
    /// How often to check: a quarter of the retention, so a message outlives its retention by at most
    /// a quarter, clamped to [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public static TimeSpan CheckPeriod(TimeSpan retention, TimeSpan min, TimeSpan max)
    {
        var quarter = retention / 4;
        return quarter < min ? min : quarter > max ? max : quarter;
    }
}
