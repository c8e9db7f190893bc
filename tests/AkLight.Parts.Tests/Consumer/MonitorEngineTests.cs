namespace AkLight.Parts.Tests.Consumer;

public sealed class MonitorEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static MonitorEngine Engine(string rules = "cpu > 50") => new(RuleSet.Parse(rules, "test"), silenceIntervals: 3);

    private static ConsumedMessage Message(string topic, string json, DateTimeOffset? appended = null) =>
        new(topic, 0, 0, appended ?? T0, Encoding.UTF8.GetBytes("web"), Encoding.UTF8.GetBytes(json), null);

    private static string Cpu(double value, int second, string producer = "agent-1") =>
        $$"""{"value":{{value}},"unit":"%","ts":"{{T0.AddSeconds(second):O}}","producer":"{{producer}}","interval":1}""";

    [Fact]
    public void A_breaching_reading_fires_and_a_recovering_one_clears()
    {
        var engine = Engine();

        var fired = Assert.Single(engine.Observe(Message("metrics/docker/h1/web/cpu", Cpu(90, 0)), T0));
        Assert.Equal(("cpu-high", "h1", "web", true, 90.0), (fired.Rule, fired.Host, fired.Container, fired.Firing, fired.Value!.Value));
        Assert.Equal(["cpu-high"], engine.Table.Snapshot().Containers[0].Alerts);

        var cleared = Assert.Single(engine.Observe(Message("metrics/docker/h1/web/cpu", Cpu(10, 1)), T0.AddSeconds(1)));
        Assert.False(cleared.Firing);
        Assert.Empty(engine.Table.Snapshot().Containers[0].Alerts);
        Assert.Equal(2, engine.Readings);
    }

    [Fact]
    public void The_rule_duration_is_measured_in_reading_time()
    {
        var engine = Engine("cpu > 50 for 10s");
        Assert.Empty(engine.Observe(Message("metrics/docker/h1/web/cpu", Cpu(90, 0)), T0.AddMinutes(1)));
        Assert.Empty(engine.Observe(Message("metrics/docker/h1/web/cpu", Cpu(90, 5)), T0.AddMinutes(1)));
        Assert.Single(engine.Observe(Message("metrics/docker/h1/web/cpu", Cpu(90, 10)), T0.AddMinutes(1)));
    }

    [Fact]
    public void A_quiet_container_and_its_producer_raise_the_silence_alarm_by_the_wall_clock_and_clear_it_on_data()
    {
        var engine = Engine();
        engine.Observe(Message("metrics/docker/h1/web/cpu", Cpu(10, 0)), T0);

        Assert.Empty(engine.CheckClock(T0.AddSeconds(2)));
        var silent = engine.CheckClock(T0.AddSeconds(3)); // 3 intervals of 1 s
        Assert.Equal(["h1/agent-1", "h1/web"], silent.Select(e => $"{e.Host}/{e.Container}").Order());
        Assert.All(silent, e => Assert.Equal(("silence", true), (e.Rule, e.Firing)));
        Assert.Equal(["silence"], engine.Table.Snapshot().Containers[0].Alerts);
        Assert.True(engine.Table.Snapshot().Containers[0].ProducerSilent);

        var back = engine.Observe(Message("metrics/docker/h1/web/cpu", Cpu(10, 10)), T0.AddSeconds(10));
        Assert.Equal(2, back.Count);
        Assert.All(back, e => Assert.False(e.Firing));
        Assert.Empty(engine.Table.Snapshot().Containers[0].Alerts);
    }

    [Fact]
    public void A_container_that_stopped_on_purpose_raises_no_silence_alarm_and_one_already_fired_is_cleared()
    {
        var engine = Engine();
        engine.Observe(Message("metrics/docker/h1/web/cpu", Cpu(10, 0)), T0);
        engine.Observe(Message("metrics/docker/h1/db/cpu", Cpu(10, 0)), T0);
        Assert.Equal(3, engine.CheckClock(T0.AddSeconds(5)).Count); // web, db, agent-1

        var stop = """{"state":"stopped","ts":"2026-11-25T12:00:06Z","producer":"agent-1","interval":1}""";
        var events = engine.Observe(Message("metrics/docker/h1/db/status", stop), T0.AddSeconds(6));

        Assert.Contains(events, e => e is { Rule: "silence", Container: "db", Firing: false });
        Assert.True(engine.Table.Snapshot().Containers.Single(c => c.Container == "db").Stopped);
        Assert.DoesNotContain(engine.CheckClock(T0.AddMinutes(1)), e => e.Container == "db");
    }

    [Fact]
    public void Each_source_is_timed_by_its_own_interval()
    {
        var engine = Engine();
        engine.Observe(Message("metrics/docker/h1/slow/cpu", """{"value":1,"producer":"p","interval":30}"""), T0);

        Assert.Empty(engine.CheckClock(T0.AddSeconds(89)));
        Assert.Equal(2, engine.CheckClock(T0.AddSeconds(90)).Count);
    }

    [Fact]
    public void Messages_that_are_not_metric_readings_are_counted_and_ignored()
    {
        var engine = Engine();

        Assert.Empty(engine.Observe(Message("other/topic", Cpu(99, 0)), T0));
        Assert.Empty(engine.Observe(Message("metrics/docker/h1/web/cpu", "not json"), T0));
        Assert.Empty(engine.Observe(new ConsumedMessage("metrics/docker/h1/web/cpu", 0, 0, T0, null, null, null), T0));

        Assert.Equal(3, engine.Ignored);
        Assert.Equal(0, engine.Readings);
        Assert.Empty(engine.Table.Snapshot().Containers);
    }

    [Fact]
    public void A_reading_without_its_own_time_counts_at_the_broker_append_time()
    {
        var engine = Engine("cpu > 50 for 10s");
        engine.Observe(Message("metrics/docker/h1/web/cpu", """{"value":90}""", appended: T0), T0);
        var fired = Assert.Single(engine.Observe(Message("metrics/docker/h1/web/cpu", """{"value":90}""", appended: T0.AddSeconds(10)), T0));
        Assert.Equal(T0.AddSeconds(10), fired.At);
    }

    [Fact]
    public void Container_events_feed_the_event_rules_and_not_the_table_or_the_silence_alarm()
    {
        var engine = Engine("crash: event die exitCode != 0");
        const string die = """{"action":"die","exitCode":1,"time":"2026-11-25T12:00:00Z","timeNano":1795608000000000000,"containerId":"abc","container":"web"}""";

        var fired = Assert.Single(engine.Observe(Message("events/docker/h1/web/die", die), T0));
        Assert.Equal(("crash", "h1", "web", true, "alerts/h1/web/crash"), (fired.Rule, fired.Host, fired.Container, fired.Firing, fired.Topic));
        Assert.Empty(engine.Observe(Message("events/docker/h1/web/die", "not json"), T0));
        Assert.Equal((1L, 1L, 0L), (engine.Events, engine.Ignored, engine.Readings));
        Assert.Empty(engine.Table.Snapshot().Containers);

        var cleared = Assert.Single(engine.CheckClock(T0.Add(EventRule.DefaultClearAfter)));
        Assert.False(cleared.Firing);
    }
}
