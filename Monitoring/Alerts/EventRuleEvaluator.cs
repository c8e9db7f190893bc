using System.Globalization;
using AkLight.Monitoring.Events;

namespace AkLight.Monitoring.Alerts;

/// <summary>
/// Applies event rules to container events, per container; each alert fires once and clears once:
/// <list type="bullet">
/// <item>A plain rule fires on its first matching event. It clears when the same action comes with a value the rule
/// rejects (<c>health_status == unhealthy</c> clears on <c>healthy</c>; <c>die exitCode != 0</c> on a clean exit), on its
/// <c>clear on</c> action, or once no matching event has come for its <c>clear after</c> time (default 5 minutes; rules on
/// <c>health_status</c> have none: a status holds until the next one).</item>
/// <item>A count rule fires when its count of matching events falls within its window, and clears when fewer are
/// left within the window.</item>
/// <item>Every alert of a container clears when the container is destroyed.</item>
/// </list>
/// Windows and quiet periods run from the events' own times; <see cref="Check"/> moves them on by the caller's clock.
/// </summary>
public sealed class EventRuleEvaluator(IReadOnlyList<EventRule> rules)
{
    private readonly Dictionary<(string Rule, string Host, string Container), RuleState> _states = [];

    /// <summary>Feeds one event of <paramref name="host"/>/<paramref name="container"/>; returns the alerts it fires or clears.</summary>
    public IReadOnlyList<AlertEvent> Observe(string host, string container, ContainerEvent containerEvent)
    {
        List<AlertEvent>? alerts = null;
        var at = containerEvent.Time;
        foreach (var rule in rules)
        {
            var key = (rule.Name, host, container);
            if (containerEvent.Action == EventActions.Destroy && rule.Action != EventActions.Destroy)
            {
                if (_states.Remove(key, out var gone) && gone.Firing)
                    (alerts ??= []).Add(Clear(rule, host, container, at, "the container was destroyed"));
                continue;
            }
            if (!_states.TryGetValue(key, out var state))
            {
                if (!rule.Matches(containerEvent)) continue; // nothing to remember for a rule that never matched here
                _states[key] = state = new RuleState();
            }
            if (Step(rule, state, containerEvent, host, container) is { } alert) (alerts ??= []).Add(alert);
        }
        return alerts ?? (IReadOnlyList<AlertEvent>)[];
    }

    /// <summary>Alerts that clear by <paramref name="now"/>: quiet periods over, windows no longer holding enough events.</summary>
    public IReadOnlyList<AlertEvent> Check(DateTimeOffset now)
    {
        List<AlertEvent>? alerts = null;
        foreach (var rule in rules)
        {
            foreach (var ((name, host, container), state) in _states)
            {
                if (name != rule.Name || !state.Firing) continue;
                if (rule.Count is { } count)
                {
                    state.Prune(now - rule.Within);
                    if (state.Times.Count >= count) continue;
                    state.Firing = false;
                    (alerts ??= []).Add(Clear(rule, host, container, now, $"{state.Times.Count} {rule.Action} event(s) within {Span(rule.Within)}"));
                }
                else if (rule.ClearAfter is { } quiet && now - state.LastMatch >= quiet)
                {
                    state.Firing = false;
                    (alerts ??= []).Add(Clear(rule, host, container, now, $"no {rule.Action} for {Span(quiet)}"));
                }
            }
        }
        return alerts ?? (IReadOnlyList<AlertEvent>)[];
    }

    private static AlertEvent? Step(EventRule rule, RuleState state, ContainerEvent containerEvent, string host, string container)
    {
        var at = containerEvent.Time;
        if (rule.Matches(containerEvent))
        {
            state.LastMatch = at > state.LastMatch ? at : state.LastMatch;
            if (rule.Count is { } count)
            {
                state.Times.Enqueue(at);
                state.Prune(at - rule.Within);
                if (state.Firing || state.Times.Count < count) return null;
                state.Firing = true;
                return Fire(rule, host, container, state.Times.Count, at, $"{state.Times.Count} {rule.Action} events within {Span(rule.Within)}");
            }
            if (state.Firing) return null;
            state.Firing = true;
            return Fire(rule, host, container, containerEvent.ExitCode, at, Describe(rule, containerEvent));
        }
        if (!state.Firing || rule.Count is not null) return null;
        var sameActionOtherValue = containerEvent.Action == rule.Action;
        if (!sameActionOtherValue && containerEvent.Action != rule.ClearOn) return null;
        state.Firing = false;
        return Clear(rule, host, container, at, Describe(rule, containerEvent));
    }

    /// <summary>The event in the alert's words: <c>die exitCode=137</c>, <c>health_status unhealthy</c>, <c>oom</c>.</summary>
    private static string Describe(EventRule rule, ContainerEvent containerEvent)
    {
        var field = rule.Condition?.Field;
        var detail = field is null ? containerEvent.Status
            : field == EventCondition.StatusField ? containerEvent.Status
            : rule.Condition!.FieldOf(containerEvent) is { } value ? $"{field}={value}" : null;
        if (detail is null && containerEvent.ExitCode is { } exitCode) detail = $"exitCode={exitCode}";
        return detail is null ? containerEvent.Action : $"{containerEvent.Action} {detail}";
    }

    private static AlertEvent Fire(EventRule rule, string host, string container, double? value, DateTimeOffset at, string what) =>
        new(rule.Name, host, container, Firing: true, value, at, $"FIRING {rule.Name} on {host}/{container}: {what} ({rule})");

    private static AlertEvent Clear(EventRule rule, string host, string container, DateTimeOffset at, string why) =>
        new(rule.Name, host, container, Firing: false, null, at, $"cleared {rule.Name} on {host}/{container}: {why} ({rule})");

    private static string Span(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private sealed class RuleState
    {
        public bool Firing { get; set; }

        public DateTimeOffset LastMatch { get; set; } = DateTimeOffset.MinValue;

        /// <summary>A count rule's matching events within its window, oldest first.</summary>
        public Queue<DateTimeOffset> Times { get; } = new();

        public void Prune(DateTimeOffset windowStart)
        {
            while (Times.TryPeek(out var oldest) && oldest <= windowStart) Times.Dequeue();
        }
    }
}
