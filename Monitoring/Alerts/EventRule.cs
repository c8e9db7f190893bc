using System.Globalization;
using System.Text.RegularExpressions;
using AkLight.Monitoring.Events;

namespace AkLight.Monitoring.Alerts;

/// <summary>
/// A rule on container lifecycle events: <c>oom: event oom</c>, <c>crash: event die exitCode != 0</c>,
/// <c>unhealthy: event health_status == unhealthy</c>, <c>flapping: event restart count &gt;= 3 within 5m</c>.
/// A plain rule fires on a matching event; a count rule fires when <see cref="Count"/> matching events fall within
/// <see cref="Within"/>. How each clears is <see cref="EventRuleEvaluator"/>'s to say.
/// </summary>
/// <param name="Name">The alert's name (the last level of its topic).</param>
/// <param name="Action">The event action it watches (one of <see cref="EventActions"/>).</param>
/// <param name="Condition">What the event must also say, or null for any event of the action.</param>
/// <param name="Count">For a count rule, how many matching events within <see cref="Within"/> fire it; else null.</param>
/// <param name="Within">The count rule's window.</param>
/// <param name="ClearAfter">A plain rule clears once no matching event has come for this long; null: it does not clear by time.</param>
/// <param name="ClearOn">A plain rule also clears on this action of the same container (e.g. <c>start</c>), or null.</param>
public sealed partial record class EventRule(string Name, string Action, EventCondition? Condition, int? Count, TimeSpan Within, TimeSpan? ClearAfter, string? ClearOn)
{
    /// <summary>How long a plain rule stays firing after its last matching event unless told otherwise.</summary>
    public static readonly TimeSpan DefaultClearAfter = TimeSpan.FromMinutes(5);

    public const string Syntax = "[name:] event ACTION [[FIELD] (==|!=|>|>=|<|<=) VALUE] [count >= N within DURATION] [clear after DURATION | clear on ACTION]";

    public bool Matches(ContainerEvent containerEvent) =>
        string.Equals(containerEvent.Action, Action, StringComparison.Ordinal) && (Condition?.Matches(containerEvent) ?? true);

    /// <summary>True for a line that is an event rule rather than a threshold rule (<c>[name:] event ACTION ...</c>).</summary>
    public static bool IsEventRule(string line) => EventRuleStart().IsMatch(line.Trim());

    public override string ToString() =>
        $"{Name}: event {Action}{Condition switch { null => "", { Field: EventCondition.StatusField } c => $" {c.Operator} {c.Value}", var c => $" {c}" }}" +
        (Count is { } count ? $" count >= {count} within {Seconds(Within)}s" : "") +
        (ClearOn is { } on ? $" clear on {on}" : ClearAfter is { } after && Count is null && after != DefaultClearAfter ? $" clear after {Seconds(after)}s" : "");

    /// <summary>Parses one event rule line; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static EventRule Parse(string line)
    {
        var match = RuleSyntax().Match(line.Trim());
        if (!match.Success) throw new FormatException($"rule '{line.Trim()}' is not '{Syntax}'");
        var action = match.Groups["action"].Value;
        if (!EventActions.IsKnown(action))
            throw new FormatException($"'{action}' is not an event the agent publishes ({string.Join(", ", EventActions.All)})");

        EventCondition? condition = null;
        if (match.Groups["op"].Success)
        {
            // Without a field, a condition speaks of the status: "event health_status == unhealthy".
            var field = match.Groups["field"].Success ? match.Groups["field"].Value : EventCondition.StatusField;
            condition = EventCondition.Create(field, match.Groups["op"].Value, match.Groups["value"].Value);
        }

        int? count = null;
        var within = TimeSpan.Zero;
        if (match.Groups["count"].Success)
        {
            count = int.TryParse(match.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw new FormatException($"count '{match.Groups["count"].Value}' must be a whole number of at least 1");
            within = AlertRule.ParseDuration(match.Groups["within"].Value);
            if (within <= TimeSpan.Zero) throw new FormatException("the window after 'within' must be longer than 0");
        }

        TimeSpan? clearAfter = null;
        string? clearOn = null;
        if (match.Groups["after"].Success || match.Groups["on"].Success)
        {
            if (count is not null)
                throw new FormatException($"a count rule clears when fewer than {count} events are left within its window; it takes no 'clear'");
            if (match.Groups["after"].Success)
            {
                clearAfter = AlertRule.ParseDuration(match.Groups["after"].Value);
                if (clearAfter <= TimeSpan.Zero) throw new FormatException("the time after 'clear after' must be longer than 0");
            }
            else
            {
                clearOn = match.Groups["on"].Value;
                if (!EventActions.IsKnown(clearOn))
                    throw new FormatException($"'clear on {clearOn}': '{clearOn}' is not an event the agent publishes ({string.Join(", ", EventActions.All)})");
            }
        }
        else if (count is null && action != EventActions.HealthStatus)
        {
            clearAfter = DefaultClearAfter; // a health status stays until the next one says otherwise, so no time limit there
        }

        var name = match.Groups["name"].Success ? match.Groups["name"].Value : action;
        return new EventRule(name, action, condition, count, within, clearAfter, clearOn);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:[A-Za-z0-9_.-]+\s*:\s*)?event\s+[A-Za-z_]")]
    private static partial Regex EventRuleStart();

    [GeneratedRegex(@"^(?:(?<name>[A-Za-z0-9_.-]+)\s*:\s*)?event\s+(?<action>[A-Za-z_]+)" +
        @"(?:\s+(?:(?<field>[A-Za-z_][A-Za-z0-9_.-]*)\s*)?(?<op>==|!=|>=|<=|>|<)\s*(?<value>[^\s]+))?" +
        @"(?:\s+count\s*>=\s*(?<count>\S+)\s+within\s+(?<within>\S+))?" +
        @"(?:\s+clear\s+(?:after\s+(?<after>\S+)|on\s+(?<on>[A-Za-z_]+)))?$")]
    private static partial Regex RuleSyntax();
}
