using AkLight.Monitoring.Events;
using AkLight.Producer.Events;

namespace AkLight.Parts.Tests.Events;

public sealed class DockerEventParserTests
{
    [Fact]
    public void A_die_carries_its_exit_code_the_engines_time_and_every_attribute()
    {
        var parsed = DockerEventParser.Parse(DockerEventSamples.DieLegacy);

        var published = Assert.IsType<ContainerEvent>(parsed.Published);
        Assert.Equal((EventActions.Die, 137, (string?)null), (published.Action, published.ExitCode, published.Status));
        Assert.Equal((DockerEventSamples.Id, "my-container", "alpine:latest"), (published.ContainerId, published.Container, published.Image));
        Assert.Equal(1629574701100000007, published.TimeNano);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1629574701100), published.Time);
        Assert.Equal("some-label-value", published.Attributes["com.example.some-label"]);
        Assert.Equal((1629574701100000007, DockerEventSamples.Id, "die"), (parsed.TimeNano, parsed.Id, parsed.Action));
    }

    [Fact]
    public void A_health_status_becomes_the_action_health_status_with_the_new_status()
    {
        var published = DockerEventParser.Parse(DockerEventSamples.Unhealthy).Published!;

        Assert.Equal((EventActions.HealthStatus, "unhealthy"), (published.Action, published.Status));
        Assert.Null(published.ExitCode);
    }

    [Theory]
    [InlineData(DockerEventSamples.Start, EventActions.Start)]
    [InlineData(DockerEventSamples.Oom, EventActions.Oom)]
    [InlineData(DockerEventSamples.SecondsOnly, EventActions.Kill)]
    public void The_lifecycle_actions_are_published_as_the_engine_names_them(string document, string action) =>
        Assert.Equal(action, DockerEventParser.Parse(document).Published!.Action);

    [Fact]
    public void An_engine_without_nanoseconds_gives_whole_seconds()
    {
        var parsed = DockerEventParser.Parse(DockerEventSamples.SecondsOnly);

        Assert.Equal(1629574700_000000000, parsed.TimeNano);
        Assert.Equal("15", parsed.Published!.Attributes["signal"]);
    }

    [Theory]
    [InlineData(DockerEventSamples.Create)]
    [InlineData(DockerEventSamples.NetworkConnect)]
    public void Other_actions_and_other_objects_are_read_but_not_published(string document)
    {
        var parsed = DockerEventParser.Parse(document);

        Assert.Null(parsed.Published);
        Assert.True(parsed.TimeNano > 0); // still a place in the stream to resume from
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"Type":"container","time":1}""", "without an Action")]
    [InlineData("""{"Type":"container","Action":"die"}""", "without a time")]
    public void A_line_that_is_no_event_is_refused_naming_why(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DockerEventParser.Parse(line));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_published_payload_reads_back_in_the_monitor()
    {
        var published = DockerEventParser.Parse(DockerEventSamples.DieLegacy).Published! with { Producer = "agent-1" };

        var json = Encoding.UTF8.GetString(published.ToJson());
        var back = ContainerEvent.TryParse(published.ToJson());

        Assert.Contains("\"exitCode\":137", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\"", json, StringComparison.Ordinal); // absent fields are left out
        Assert.Equal(published.TimeNano, back!.TimeNano);
        Assert.Equal((published.Action, published.ExitCode, published.Container, "agent-1"), (back.Action, back.ExitCode, back.Container, back.Producer));
        Assert.Equal(published.Attributes, back.Attributes);
        Assert.Null(ContainerEvent.TryParse("{\"value\":1}"u8)); // a metric reading is no event
    }
}
