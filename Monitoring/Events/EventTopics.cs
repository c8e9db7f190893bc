using AkLight.Monitoring.Metrics;

namespace AkLight.Monitoring.Events;

/// <summary>
/// The topic layout of container lifecycle events: <c>events/docker/{host}/{container}/{action}</c>, beside the
/// metrics' <c>metrics/docker/...</c>. Names are sanitised into legal topic levels as metric names are.
/// </summary>
public static class EventTopics
{
    public const string Prefix = "events/docker";

    /// <summary>The filter that matches every container event.</summary>
    public const string AllEvents = Prefix + "/#";

    public static string For(string host, string container, string action) =>
        $"{Prefix}/{MetricTopics.Level(host)}/{MetricTopics.Level(container)}/{MetricTopics.Level(action)}";

    /// <summary>Reads host, container and action back from an event topic; false for other topics.</summary>
    public static bool TryParse(string topic, out string host, out string container, out string action) =>
        MetricTopics.TryParseUnder(Prefix, topic, out host, out container, out action);
}
