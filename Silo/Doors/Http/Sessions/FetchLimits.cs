namespace AkLight.Silo.Doors.Http.Sessions;

/// <summary>Bounds of a long-poll fetch over HTTP.</summary>
internal static class FetchLimits
{
    /// <summary>Most messages per fetch.</summary>
    public const int MaxMessages = 1000;

    /// <summary>Checks <paramref name="max"/> and <paramref name="waitSeconds"/>; the wait is capped at <paramref name="cap"/>.</summary>
    public static (int Max, TimeSpan Wait) Check(int? max, double? waitSeconds, TimeSpan cap)
    {
        var count = max ?? 100;
        if (count is < 1 or > MaxMessages) throw new ArgumentException($"max must be between 1 and {MaxMessages}, got {count}");
        var seconds = waitSeconds ?? 0;
        if (!double.IsFinite(seconds) || seconds < 0) throw new ArgumentException($"wait must be a number of seconds, 0 or more, got {waitSeconds}");
        var wait = TimeSpan.FromSeconds(seconds);
        return (count, wait > cap ? cap : wait);
    }
}
