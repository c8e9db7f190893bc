namespace AkLight.Monitoring.Alerts;

/// <summary>
/// The silence alarm: a source (a container, or a producer) that was reporting and has been quiet for
/// <see cref="MissedIntervals"/> of its own intervals raises an alert, cleared when data returns.
/// Checked against a clock the caller passes in.
/// </summary>
public sealed class SilenceDetector(int missedIntervals = 3, TimeSpan? defaultInterval = null)
{
    public const string RuleName = "silence";

    private readonly TimeSpan _defaultInterval = defaultInterval ?? TimeSpan.FromSeconds(5);
    private readonly Dictionary<(string Host, string Source), Source> _sources = [];

    public int MissedIntervals { get; } = missedIntervals > 0 ? missedIntervals : throw new ArgumentOutOfRangeException(nameof(missedIntervals));

    /// <summary>Records data from a source; returns a clearing event when the source had gone silent.</summary>
    public AlertEvent? Observe(string host, string source, DateTimeOffset at, TimeSpan? interval = null)
    {
        if (!_sources.TryGetValue((host, source), out var state)) _sources[(host, source)] = state = new Source();
        state.LastSeen = at > state.LastSeen ? at : state.LastSeen;
        if (interval is { } declared && declared > TimeSpan.Zero) state.Interval = declared;
        if (!state.Silent) return null;
        state.Silent = false;
        return new AlertEvent(RuleName, host, source, Firing: false, null, at, $"cleared silence on {host}/{source}: reporting again");
    }

    /// <summary>Sources that have gone silent since the last check, as firing events.</summary>
    public IReadOnlyList<AlertEvent> Check(DateTimeOffset now)
    {
        List<AlertEvent>? events = null;
        foreach (var ((host, source), state) in _sources)
        {
            var interval = state.Interval ?? _defaultInterval;
            var quiet = now - state.LastSeen;
            if (state.Silent || quiet < interval * MissedIntervals) continue;
            state.Silent = true;
            (events ??= []).Add(new AlertEvent(RuleName, host, source, Firing: true, quiet.TotalSeconds, now,
                $"FIRING silence on {host}/{source}: nothing for {quiet.TotalSeconds:0}s ({MissedIntervals} intervals of {interval.TotalSeconds:0.#}s)"));
        }
        return events ?? (IReadOnlyList<AlertEvent>)[];
    }

    /// <summary>Forgets a source that ended on purpose (e.g. a container announced as stopped), so it raises no alarm.</summary>
    public void Forget(string host, string source) => _sources.Remove((host, source));

    private sealed class Source
    {
        public DateTimeOffset LastSeen { get; set; } = DateTimeOffset.MinValue;

        public TimeSpan? Interval { get; set; }

        public bool Silent { get; set; }
    }
}
