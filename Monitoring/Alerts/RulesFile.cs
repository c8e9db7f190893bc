namespace AkLight.Monitoring.Alerts;

/// <summary>
/// A rules file: one rule a line, threshold rules (<see cref="AlertRule"/>) and event rules (<see cref="EventRule"/>,
/// the lines that read <c>[name:] event ...</c>); blank lines and lines starting with '#' are ignored. Every alert is
/// known by its rule's name (state, topic <c>alerts/{host}/{container}/{rule}</c>), so names differ, and
/// <c>silence</c> belongs to the silence alarm.
/// </summary>
public sealed record class RulesFile(IReadOnlyList<AlertRule> Thresholds, IReadOnlyList<EventRule> Events)
{
    public int Count => Thresholds.Count + Events.Count;

    /// <summary>Every rule as its line would read, thresholds first.</summary>
    public IEnumerable<string> Describe() => Thresholds.Select(r => r.ToString()).Concat(Events.Select(r => r.ToString()));

    /// <summary>Parses rules text; throws <see cref="FormatException"/> starting with <c>line N:</c> and naming the problem.</summary>
    public static RulesFile Parse(string text)
    {
        var thresholds = new List<AlertRule>();
        var events = new List<EventRule>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            try
            {
                string name, example;
                if (EventRule.IsEventRule(line))
                {
                    var rule = EventRule.Parse(line);
                    (name, example) = (rule.Name, $"event {rule.Action} ...");
                    events.Add(rule);
                }
                else
                {
                    var rule = AlertRule.Parse(line);
                    (name, example) = (rule.Name, $"{rule.Metric} ...");
                    thresholds.Add(rule);
                }
                if (name == SilenceDetector.RuleName)
                    throw new FormatException($"the rule name '{name}' is reserved for the silence alarm");
                if (!names.Add(name))
                    throw new FormatException($"a rule named '{name}' is already defined; give one of them a name ('name: {example}')");
            }
            catch (FormatException error)
            {
                throw new FormatException($"line {number}: {error.Message}", error);
            }
        }
        return new RulesFile(thresholds, events);
    }
}
