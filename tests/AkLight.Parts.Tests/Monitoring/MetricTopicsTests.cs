namespace AkLight.Parts.Tests.Monitoring;

public sealed class MetricTopicsTests
{
    [Theory]
    [InlineData("web-1", "web-1")]
    [InlineData("/compose_web_1", "compose_web_1")] // Docker names start with '/'
    [InlineData("a/b", "a_b")]
    [InlineData("a+b#c", "a_b_c")]
    [InlineData("$sys", "_sys")]
    [InlineData("", "_")]
    [InlineData("with space", "with_space")]
    public void Names_become_single_legal_levels(string name, string level)
    {
        Assert.Equal(level, MetricTopics.Level(name));
        Assert.Null(TopicName.Validate(MetricTopics.For(name, name, name)));
    }

    [Fact]
    public void A_metric_topic_reads_back_into_its_parts()
    {
        var topic = MetricTopics.For("host1", "/web", "memory.percent");
        Assert.Equal("metrics/docker/host1/web/memory.percent", topic);
        Assert.True(MetricTopics.TryParse(topic, out var host, out var container, out var metric));
        Assert.Equal(("host1", "web", "memory.percent"), (host, container, metric));
        Assert.False(MetricTopics.TryParse("alerts/h/c/r", out _, out _, out _));
        Assert.True(TopicFilter.Parse(MetricTopics.AllMetrics).Matches(TopicName.Parse(topic)));
    }

    [Fact]
    public void Readings_round_trip_as_json()
    {
        var reading = new MetricReading { Value = 12.5, Unit = "%", Timestamp = DateTimeOffset.UnixEpoch, ContainerId = "abc", Producer = "p1", IntervalSeconds = 5 };
        Assert.Equal(reading, MetricReading.TryParse(reading.ToJson()));
        Assert.Null(MetricReading.TryParse("not json"u8));
    }
}
