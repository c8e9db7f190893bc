using System.Text;

namespace AkLight.Monitoring.Metrics;

/// <summary>
/// The topic layout of container metrics: <c>metrics/docker/{host}/{container}/{metric}</c>, and of
/// alerts: <c>alerts/{host}/{container}/{rule}</c>. Names are sanitised into legal topic levels.
/// </summary>
public static class MetricTopics
{
    public const string Prefix = "metrics/docker";

    /// <summary>The filter that matches every container metric.</summary>
    public const string AllMetrics = Prefix + "/#";

    public static string For(string host, string container, string metric) =>
        $"{Prefix}/{Level(host)}/{Level(container)}/{Level(metric)}";

    public static string Alert(string host, string container, string rule) =>
        $"alerts/{Level(host)}/{Level(container)}/{Level(rule)}";

    /// <summary>Reads host, container and metric back from a metric topic; false for other topics.</summary>
    public static bool TryParse(string topic, out string host, out string container, out string metric) =>
        TryParseUnder(Prefix, topic, out host, out container, out metric);

    /// <summary>
    /// Reads <c>{prefix}/{host}/{container}/{last}</c> back into its three levels; false for a topic of another layout.
    /// Metric and event topics share this shape, so both sides parse them with the same code.
    /// </summary>
    internal static bool TryParseUnder(string prefix, string topic, out string host, out string container, out string last)
    {
        host = container = last = "";
        if (!topic.StartsWith(prefix + "/", StringComparison.Ordinal)) return false;
        var levels = topic[(prefix.Length + 1)..].Split('/');
        if (levels.Length != 3) return false;
        (host, container, last) = (levels[0], levels[1], levels[2]);
        return true;
    }

    /// <summary>
    /// Makes <paramref name="name"/> one legal, readable topic level: separators and wildcards become
    /// '_', a leading '$' (reserved for system topics) and control characters too; never empty.
    /// </summary>
    public static string Level(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "_";
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim().TrimStart('/'))
            builder.Append(c is '/' or '+' or '#' or '\0' || char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? '_' : c);
        if (builder.Length > 0 && builder[0] == '$') builder[0] = '_';
        var level = builder.Length == 0 ? "_" : builder.ToString();
        return level.Length > 200 ? level[..200] : level;
    }
}
