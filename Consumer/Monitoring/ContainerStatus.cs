namespace AkLight.Consumer.Monitoring;

/// <summary>One container as the monitor last saw it: a snapshot, safe to render while readings keep coming.</summary>
/// <param name="Producer">The producer that last reported it, if the readings name one.</param>
/// <param name="Latest">The newest reading of each metric (by reading time).</param>
/// <param name="State">The last state reported (running, stopped, restarting...), or null when none was.</param>
/// <param name="Health">The last health reported (healthy, unhealthy, starting...), or null.</param>
/// <param name="LastSeen">When the monitor last received a reading for it (its own clock).</param>
/// <param name="Alerts">Names of the rules firing for it, sorted; <c>silence</c> among them when it went quiet.</param>
/// <param name="ProducerSilent">True when its producer has gone silent.</param>
internal sealed record class ContainerStatus(
    string Host,
    string Container,
    string? Producer,
    IReadOnlyDictionary<string, MetricReading> Latest,
    string? State,
    string? Health,
    DateTimeOffset LastSeen,
    IReadOnlyList<string> Alerts,
    bool ProducerSilent)
{
    /// <summary>True when the container announced that it stopped on purpose.</summary>
    public bool Stopped => State == MetricNames.StoppedState;

    /// <summary>The newest value of <paramref name="metric"/>, or null when none arrived.</summary>
    public double? Value(string metric) => Latest.TryGetValue(metric, out var reading) ? reading.Value : null;

    /// <summary>The newest reading of <paramref name="metric"/>, or null.</summary>
    public MetricReading? Reading(string metric) => Latest.GetValueOrDefault(metric);
}

/// <summary>A producer (a metrics agent) as the monitor last saw it.</summary>
internal sealed record class ProducerStatus(string Host, string Producer, DateTimeOffset LastSeen, bool Silent);

/// <summary>Everything the views show, taken at one moment.</summary>
internal sealed record class TableSnapshot(IReadOnlyList<ContainerStatus> Containers, IReadOnlyList<ProducerStatus> Producers)
{
    /// <summary>Every firing alert as (source, rule): containers' alerts, and silent producers as <c>silence</c>.</summary>
    public IEnumerable<(string Source, string Rule)> FiringAlerts =>
        Containers.SelectMany(c => c.Alerts.Select(rule => ($"{c.Host}/{c.Container}", rule)))
            .Concat(Producers.Where(p => p.Silent).Select(p => ($"{p.Host}/{p.Producer}", "producer-silence")));
}
