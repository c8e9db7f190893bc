namespace AkLight.Consumer.Monitoring;

/// <summary>How a reading changed what is known of its container.</summary>
internal enum ReadingEffect
{
    /// <summary>The container is reporting.</summary>
    Live,

    /// <summary>The container announced it stopped on purpose.</summary>
    Stopped,

    /// <summary>Older than what is already known about the container's stop or restart (it came late through
    /// another topic): it changes nothing.</summary>
    Late,
}

/// <summary>
/// The monitor's model: per container (host/container), the newest reading of each metric, its state and
/// health, when it was last heard of and which alerts fire for it; per producer, when it last reported and
/// whether it went silent. A plain type, not thread-safe: the caller serialises access.
/// </summary>
internal sealed class ContainerTable
{
    private readonly Dictionary<(string Host, string Container), Row> _containers = [];
    private readonly Dictionary<(string Host, string Producer), ProducerRow> _producers = [];

    /// <summary>Records one reading, timed <paramref name="at"/> by its producer and received at <paramref name="arrived"/>.</summary>
    public ReadingEffect Record(string host, string container, string metric, MetricReading reading, DateTimeOffset at, DateTimeOffset arrived)
    {
        if (!_containers.TryGetValue((host, container), out var row)) _containers[(host, container)] = row = new Row();
        var stop = reading.State == MetricNames.StoppedState;
        if (stop ? at < row.LiveAt : row.StoppedAt is { } stoppedAt && at <= stoppedAt) return ReadingEffect.Late;

        if (!row.Latest.TryGetValue(metric, out var previous) || previous.At <= at) row.Latest[metric] = (reading, at);
        if (arrived > row.LastSeen) row.LastSeen = arrived;
        if (reading.Health is { Length: > 0 } health) row.Health = health;
        if (reading.Producer is { Length: > 0 } producer)
        {
            row.Producer = producer;
            if (!_producers.TryGetValue((host, producer), out var source)) _producers[(host, producer)] = source = new ProducerRow();
            if (arrived > source.LastSeen) source.LastSeen = arrived;
        }
        if (stop)
        {
            row.State = MetricNames.StoppedState;
            row.StoppedAt = at;
            return ReadingEffect.Stopped;
        }
        if (at > row.LiveAt) row.LiveAt = at;
        // Only a running container sends metrics, so a reading newer than its stop means it was started again.
        row.State = reading.State is { Length: > 0 } state ? state : row.StoppedAt is null ? row.State : "running";
        row.StoppedAt = null;
        return ReadingEffect.Live;
    }

    /// <summary>Marks an alert firing or cleared on its container, or, for a producer's silence, on the producer.</summary>
    public void Apply(AlertEvent alert)
    {
        if (_containers.TryGetValue((alert.Host, alert.Container), out var row))
        {
            if (alert.Firing) row.Alerts.Add(alert.Rule);
            else row.Alerts.Remove(alert.Rule);
        }
        if (alert.Rule == SilenceDetector.RuleName && _producers.TryGetValue((alert.Host, alert.Container), out var producer))
            producer.Silent = alert.Firing;
    }

    /// <summary>True when <paramref name="rule"/> fires for the container.</summary>
    public bool IsFiring(string host, string container, string rule) =>
        _containers.TryGetValue((host, container), out var row) && row.Alerts.Contains(rule);

    /// <summary>Drops containers that stopped on purpose and have not been heard of for <paramref name="keep"/>, so the table does not grow with every container ever seen.</summary>
    public void PruneStopped(DateTimeOffset now, TimeSpan keep)
    {
        foreach (var (key, row) in _containers.ToArray())
            if (row.StoppedAt is not null && row.Alerts.Count == 0 && now - row.LastSeen > keep) _containers.Remove(key);
        // Several producers may report one container (two agents on one host), and a row names only the last:
        // a producer goes once no row names it, it is not flagged silent, and it has not reported for a while.
        var used = _containers.Where(c => c.Value.Producer is not null).Select(c => (c.Key.Host, c.Value.Producer!)).ToHashSet();
        foreach (var (key, producer) in _producers.ToArray())
            if (!used.Contains(key) && !producer.Silent && now - producer.LastSeen > keep) _producers.Remove(key);
    }

    /// <summary>A copy of everything, containers sorted by host then name.</summary>
    public TableSnapshot Snapshot()
    {
        var containers = _containers
            .OrderBy(c => c.Key.Host, StringComparer.Ordinal).ThenBy(c => c.Key.Container, StringComparer.Ordinal)
            .Select(c => new ContainerStatus(
                c.Key.Host,
                c.Key.Container,
                c.Value.Producer,
                c.Value.Latest.ToDictionary(m => m.Key, m => m.Value.Reading, StringComparer.Ordinal),
                c.Value.State,
                c.Value.Health,
                c.Value.LastSeen,
                c.Value.Alerts.ToArray(),
                c.Value.Producer is { } producer && _producers.TryGetValue((c.Key.Host, producer), out var source) && source.Silent))
            .ToArray();
        var producers = _producers
            .OrderBy(p => p.Key.Host, StringComparer.Ordinal).ThenBy(p => p.Key.Producer, StringComparer.Ordinal)
            .Select(p => new ProducerStatus(p.Key.Host, p.Key.Producer, p.Value.LastSeen, p.Value.Silent))
            .ToArray();
        return new TableSnapshot(containers, producers);
    }

    private sealed class Row
    {
        public Dictionary<string, (MetricReading Reading, DateTimeOffset At)> Latest { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Alerts { get; } = new(StringComparer.Ordinal);

        public string? Producer { get; set; }

        public string? State { get; set; }

        public string? Health { get; set; }

        public DateTimeOffset LastSeen { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Reading time of the newest reading that was not a stop.</summary>
        public DateTimeOffset LiveAt { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Reading time of the stop announcement, while the container is stopped.</summary>
        public DateTimeOffset? StoppedAt { get; set; }
    }

    private sealed class ProducerRow
    {
        public DateTimeOffset LastSeen { get; set; } = DateTimeOffset.MinValue;

        public bool Silent { get; set; }
    }
}
