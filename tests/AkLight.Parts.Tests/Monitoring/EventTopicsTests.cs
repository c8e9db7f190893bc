using AkLight.Monitoring.Events;

namespace AkLight.Parts.Tests.Monitoring;

public sealed class EventTopicsTests
{
    [Fact]
    public void An_event_topic_reads_back_into_its_parts_and_is_not_a_metric_topic()
    {
        var topic = EventTopics.For("host1", "/web 1", EventActions.HealthStatus);

        Assert.Equal("events/docker/host1/web_1/health_status", topic);
        Assert.True(EventTopics.TryParse(topic, out var host, out var container, out var action));
        Assert.Equal(("host1", "web_1", "health_status"), (host, container, action));
        Assert.False(MetricTopics.TryParse(topic, out _, out _, out _));
        Assert.False(EventTopics.TryParse("metrics/docker/host1/web/cpu", out _, out _, out _));
        Assert.False(EventTopics.TryParse("events/docker/host1/web", out _, out _, out _));
        Assert.True(TopicFilter.Parse(EventTopics.AllEvents).Matches(TopicName.Parse(topic)));
    }
}
