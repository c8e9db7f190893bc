namespace AkLight.Parts.Tests.Consumer;

public sealed class AlertJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 1, 500, TimeSpan.FromHours(2));

    [Fact]
    public void An_alert_is_published_as_its_seven_fields_keyed_by_host_and_container()
    {
        var alert = new AlertEvent("cpu-high", "h1", "web", true, 93.1, T0, "FIRING cpu-high on h1/web: cpu = 93.1 (cpu-high: cpu > 80)");

        using var json = JsonDocument.Parse(AlertJson.Payload(alert));
        var root = json.RootElement;

        Assert.Equal(["rule", "host", "container", "firing", "value", "at", "message"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("cpu-high", root.GetProperty("rule").GetString());
        Assert.Equal("h1", root.GetProperty("host").GetString());
        Assert.Equal("web", root.GetProperty("container").GetString());
        Assert.True(root.GetProperty("firing").GetBoolean());
        Assert.Equal(93.1, root.GetProperty("value").GetDouble());
        Assert.Equal("2026-11-25T10:00:01.5000000Z", root.GetProperty("at").GetString()); // UTC
        Assert.Equal(alert.Message, root.GetProperty("message").GetString());
        Assert.Equal("h1/web", AlertJson.Key(alert));
        Assert.Equal("alerts/h1/web/cpu-high", alert.Topic);
    }

    [Fact]
    public void A_cleared_alert_without_a_value_has_a_null_value_and_text_is_not_escaped_needlessly()
    {
        var alert = new AlertEvent("silence", "h1", "db", false, null, T0, "cleared silence on h1/db: stopped <ok> & \"quoted\"");

        var text = AlertJson.PayloadText(alert);
        using var json = JsonDocument.Parse(text);

        Assert.False(json.RootElement.GetProperty("firing").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("value").ValueKind);
        Assert.Equal(alert.Message, json.RootElement.GetProperty("message").GetString());
        Assert.Contains("<ok> &", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
    }
}
