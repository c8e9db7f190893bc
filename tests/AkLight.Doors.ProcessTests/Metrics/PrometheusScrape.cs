using System.Text.RegularExpressions;

namespace AkLight.Doors.ProcessTests.Metrics;

/// <summary>A Prometheus text-format scrape, read just enough to find samples by name and labels.</summary>
public sealed partial class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>
    /// The sum of the samples named <paramref name="name"/> carrying every label in <paramref name="labels"/> (other
    /// labels may differ), or null when there is none.
    /// </summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        double? sum = null;
        foreach (Match sample in SampleLine().Matches(Text))
        {
            if (sample.Groups["name"].Value != name) continue;
            var present = LabelPair().Matches(sample.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.All(l => present.TryGetValue(l.Label, out var v) && v == l.Value))
                sum = (sum ?? 0) + double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return sum;
    }

    /// <summary>True when some sample's name starts with <paramref name="prefix"/>.</summary>
    public bool HasSampleStartingWith(string prefix) =>
        SampleLine().Matches(Text).Any(m => m.Groups["name"].Value.StartsWith(prefix, StringComparison.Ordinal));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
