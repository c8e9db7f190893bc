using System.Globalization;

namespace AkLight.Monitoring.Alerts;

/// <summary>
/// Applies threshold rules to readings, per container, with hysteresis: an alert fires once when its
/// condition has held for the rule's duration and clears once when the value has been back for as long.
/// Time comes from the readings, so tests control it.
/// </summary>
public sealed class ThresholdEvaluator(IReadOnlyList<AlertRule> rules)
{
    private readonly Dictionary<(string Rule, string Host, string Container), RuleState> _states = [];

    /// <summary>Alerts currently firing.</summary>
    public IEnumerable<(AlertRule Rule, string Host, string Container)> Firing =>
        _states.Where(s => s.Value.Firing).Select(s => (rules.First(r => r.Name == s.Key.Rule), s.Key.Host, s.Key.Container));

    /// <summary>Feeds one reading; returns the alerts it fires or clears (usually none).</summary>
    public IReadOnlyList<AlertEvent> Observe(string host, string container, string metric, double value, DateTimeOffset at)
    {
        List<AlertEvent>? events = null;
        foreach (var rule in rules)
        {
            if (!string.Equals(rule.Metric, metric, StringComparison.OrdinalIgnoreCase)) continue;
            var key = (rule.Name, host, container);
            if (!_states.TryGetValue(key, out var state)) _states[key] = state = new RuleState();
            if (Step(rule, state, value, at) is { } firing)
                (events ??= []).Add(new AlertEvent(rule.Name, host, container, firing, value, at, Describe(rule, host, container, value, firing)));
        }
        return events ?? (IReadOnlyList<AlertEvent>)[];
    }

    /// <summary>Advances one rule's state; returns true when it fires, false when it clears, null otherwise.</summary>
    private static bool? Step(AlertRule rule, RuleState state, double value, DateTimeOffset at)
    {
        var towardsChange = state.Firing ? rule.Recovered(value) : rule.Breached(value);
        if (!towardsChange)
        {
            state.Since = null;
            return null;
        }
        state.Since ??= at;
        if (at - state.Since.Value < rule.For) return null;
        state.Firing = !state.Firing;
        state.Since = null;
        return state.Firing;
    }

    private static string Describe(AlertRule rule, string host, string container, double value, bool firing) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(firing ? "FIRING" : "cleared")} {rule.Name} on {host}/{container}: {rule.Metric} = {value:0.##} ({rule})");

    private sealed class RuleState
    {
        public bool Firing { get; set; }

        /// <summary>When the value started pointing towards a change of state (firing or clearing).</summary>
        public DateTimeOffset? Since { get; set; }
    }
}
