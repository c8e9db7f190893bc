using AkLight.Producer.Metrics;

namespace AkLight.Parts.Tests.Metrics;

public sealed class MetricMessagesTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    [Fact]
    public void Each_metric_goes_to_its_topic_keyed_by_container_id_and_a_status_follows()
    {
        var sample = new SourceSample("/compose-web-1", "5c3f0a4e", [new("cpu", 12.5, "%"), new("memory.percent", 40, "%")], "running", "healthy");

        var messages = MetricMessages.From(sample, "host1", "p1", TimeSpan.FromSeconds(5), At).ToArray();

        Assert.Equal(
            ["metrics/docker/host1/compose-web-1/cpu", "metrics/docker/host1/compose-web-1/memory.percent", "metrics/docker/host1/compose-web-1/status"],
            messages.Select(m => m.Topic));
        Assert.All(messages, m => Assert.Equal("5c3f0a4e", m.Key));
        var cpu = MetricReading.TryParse(messages[0].Payload)!;
        Assert.Equal(new MetricReading { Value = 12.5, Unit = "%", Timestamp = At, ContainerId = "5c3f0a4e", Producer = "p1", IntervalSeconds = 5 }, cpu);
        var status = MetricReading.TryParse(messages[2].Payload)!;
        Assert.Equal(("running", "healthy", (double?)null), (status.State, status.Health, status.Value));
        Assert.Equal(5, status.IntervalSeconds);
    }

    [Fact]
    public void The_payload_uses_the_documented_field_names()
    {
        var sample = new SourceSample("h", "h", [new("cpu", 3, "%")], "running", null);

        var json = JsonDocument.Parse(MetricMessages.From(sample, "h", "p1", TimeSpan.FromSeconds(1), At).First().Payload).RootElement;

        Assert.Equal(["value", "unit", "ts", "containerId", "producer", "interval"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("value").ValueKind);
    }

    [Fact]
    public void A_stopped_container_gets_only_a_status()
    {
        var sample = new SourceSample("web-1", "a1", [], MetricNames.StoppedState, null);

        var message = Assert.Single(MetricMessages.From(sample, "host1", "p1", TimeSpan.FromSeconds(5), At));

        Assert.Equal("metrics/docker/host1/web-1/status", message.Topic);
        Assert.Equal("stopped", MetricReading.TryParse(message.Payload)!.State);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_left_out()
    {
        var sample = new SourceSample("h", "h", [new("cpu", double.NaN, "%"), new("memory", 1, "bytes")], "running", null);

        Assert.Equal(["memory", "status"], MetricMessages.From(sample, "h", "p", TimeSpan.FromSeconds(1), At).Select(m => m.Topic.Split('/')[^1]));
    }
}
