namespace AkLight.Consumer.Monitoring;

/// <summary>
/// Turns consumed metric messages into the container table and alert events: every reading goes to the
/// table, to the threshold rules (timed by the reading) and to the silence alarm, once for its container
/// (host/container) and once for its producer. Silence is measured on the monitor's own clock, from when
/// readings arrive, so clocks that differ between hosts cannot raise or hide it. Container events go to the
/// event rules only: they come when something happens, so their quiet says nothing of silence. A plain type,
/// not thread-safe: the caller serialises access.
/// </summary>
internal sealed class MonitorEngine(RulesFile rules, int silenceIntervals)
{
    /// <summary>How long a container that stopped on purpose stays in the table after it was last heard of.</summary>
    public static readonly TimeSpan KeepStopped = TimeSpan.FromMinutes(10);

    private readonly ThresholdEvaluator _thresholds = new(rules.Thresholds);
    private readonly EventRuleEvaluator _events = new(rules.Events);
    private readonly SilenceDetector _silence = new(silenceIntervals);

    public ContainerTable Table { get; } = new();

    public RulesFile Rules => rules;

    /// <summary>Readings taken in.</summary>
    public long Readings { get; private set; }

    /// <summary>Container events taken in.</summary>
    public long Events { get; private set; }

    /// <summary>Messages that were neither metric readings nor container events (another topic layout, or a payload that is not one).</summary>
    public long Ignored { get; private set; }

    /// <summary>Takes in one message received at <paramref name="now"/>; returns the alerts it fires or clears.</summary>
    public IReadOnlyList<AlertEvent> Observe(ConsumedMessage message, DateTimeOffset now)
    {
        if (EventTopics.TryParse(message.Topic, out var eventHost, out var eventContainer, out _))
            return ObserveEvent(eventHost, eventContainer, message);
        if (!MetricTopics.TryParse(message.Topic, out var host, out var container, out var metric)
            || message.Payload is null || MetricReading.TryParse(message.Payload) is not { } reading)
        {
            Ignored++;
            return [];
        }
        Readings++;
        // A reading without its own time counts at the broker's append time.
        var at = reading.Timestamp == default ? message.Timestamp : reading.Timestamp;
        TimeSpan? interval = reading.IntervalSeconds is > 0 and < 86_400 and var seconds ? TimeSpan.FromSeconds(seconds) : null;
        var events = new List<AlertEvent>();

        var effect = Table.Record(host, container, metric, reading, at, now);
        if (effect == ReadingEffect.Stopped)
        {
            // Ended on purpose: no silence alarm, and one that already fired is over.
            _silence.Forget(host, container);
            if (Table.IsFiring(host, container, SilenceDetector.RuleName))
                events.Add(new AlertEvent(SilenceDetector.RuleName, host, container, Firing: false, null, now, $"cleared silence on {host}/{container}: stopped"));
        }
        else if (effect == ReadingEffect.Live && _silence.Observe(host, container, now, interval) is { } back)
        {
            events.Add(back);
        }
        if (reading.Producer is { Length: > 0 } producer && producer != container && _silence.Observe(host, producer, now, interval) is { } producerBack)
            events.Add(producerBack);
        if (effect == ReadingEffect.Live && reading.Value is { } value && double.IsFinite(value))
            events.AddRange(_thresholds.Observe(host, container, metric, value, at));

        foreach (var alert in events) Table.Apply(alert);
        return events;
    }

    /// <summary>
    /// What the clock changes by <paramref name="now"/>: sources quiet for too many of their intervals fire, event
    /// alerts whose quiet period or window has passed clear; also tidies the table.
    /// </summary>
    public IReadOnlyList<AlertEvent> CheckClock(DateTimeOffset now)
    {
        var events = _silence.Check(now).Concat(_events.Check(now)).ToArray();
        foreach (var alert in events) Table.Apply(alert);
        Table.PruneStopped(now, KeepStopped);
        return events;
    }

    private IReadOnlyList<AlertEvent> ObserveEvent(string host, string container, ConsumedMessage message)
    {
        if (message.Payload is null || ContainerEvent.TryParse(message.Payload) is not { } containerEvent)
        {
            Ignored++;
            return [];
        }
        Events++;
        var alerts = _events.Observe(host, container, containerEvent);
        foreach (var alert in alerts) Table.Apply(alert);
        return alerts;
    }
}
