using AkLight.Monitoring.Metrics;
using AkLight.Producer.Metrics;

namespace AkLight.Producer.Agent;

/// <summary>
/// Turns one sample into messages: one per metric on <c>metrics/docker/{host}/{container}/{metric}</c> and one
/// on <c>.../status</c> with state and health, keyed by the container id so a container's readings stay in order.
/// </summary>
internal static class MetricMessages
{
    public static IEnumerable<OutgoingMessage> From(SourceSample sample, string host, string producer, TimeSpan interval, DateTimeOffset at)
    {
        foreach (var value in sample.Values)
        {
            if (!double.IsFinite(value.Value)) continue; // JSON has no NaN or infinity; a reading that is not a number is no reading
            yield return Message(sample, host, value.Metric, new MetricReading
            {
                Value = value.Value,
                Unit = value.Unit,
                Timestamp = at,
                ContainerId = sample.Id,
                Producer = producer,
                IntervalSeconds = interval.TotalSeconds,
            });
        }
        yield return Message(sample, host, MetricNames.Status, new MetricReading
        {
            Timestamp = at,
            ContainerId = sample.Id,
            Producer = producer,
            IntervalSeconds = interval.TotalSeconds,
            State = sample.State,
            Health = sample.Health,
        });
    }

    private static OutgoingMessage Message(SourceSample sample, string host, string metric, MetricReading reading) =>
        new(MetricTopics.For(host, sample.Name, metric), sample.Id, reading.ToJson());
}
