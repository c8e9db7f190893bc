namespace AkLight.Parts.Tests.Monitoring;

public sealed class ThresholdEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static List<AlertEvent> Feed(ThresholdEvaluator evaluator, string container, params (int Second, double Value)[] readings) =>
        readings.SelectMany(r => evaluator.Observe("h1", container, "cpu", r.Value, T0.AddSeconds(r.Second))).ToList();

    [Fact]
    public void Fires_only_after_the_condition_held_for_the_duration_and_only_once()
    {
        var evaluator = new ThresholdEvaluator([AlertRule.Parse("cpu > 80 for 30s")]);
        var events = Feed(evaluator, "web", (0, 90), (10, 95), (20, 50), (25, 85), (40, 90), (55, 99), (60, 97), (70, 99));
        var fired = Assert.Single(events);
        Assert.True(fired.Firing);
        Assert.Equal(T0.AddSeconds(55), fired.At); // the breach restarted at 25 s; 30 s later
        Assert.Equal("alerts/h1/web/cpu-high", fired.Topic);
    }

    [Fact]
    public void Clears_once_after_recovering_for_the_duration_and_ignores_noise_inside_the_band()
    {
        var evaluator = new ThresholdEvaluator([AlertRule.Parse("cpu > 80 for 10s clear 70")]);
        var events = Feed(evaluator, "web",
            (0, 90), (10, 90),          // fires at 10 s
            (15, 75), (20, 79), (30, 78), // inside the band (70..80]: neither breached nor recovered
            (35, 60), (40, 85),          // recovery interrupted
            (45, 65), (50, 60), (55, 50)); // recovered for 10 s at 55 s
        Assert.Equal([(true, 10), (false, 55)], events.Select(e => (e.Firing, (int)(e.At - T0).TotalSeconds)));
    }

    [Fact]
    public void A_rule_without_duration_fires_and_clears_immediately()
    {
        var evaluator = new ThresholdEvaluator([AlertRule.Parse("cpu >= 50")]);
        var events = Feed(evaluator, "db", (0, 49), (1, 50), (2, 70), (3, 49), (4, 10));
        Assert.Equal([true, false], events.Select(e => e.Firing));
    }

    [Fact]
    public void Containers_are_evaluated_independently_and_other_metrics_are_ignored()
    {
        var evaluator = new ThresholdEvaluator([AlertRule.Parse("cpu > 80")]);
        Assert.Single(evaluator.Observe("h1", "a", "cpu", 90, T0));
        Assert.Empty(evaluator.Observe("h1", "b", "cpu", 10, T0));
        Assert.Empty(evaluator.Observe("h1", "b", "memory.percent", 99, T0));
        Assert.Equal([("h1", "a")], evaluator.Firing.Select(f => (f.Host, f.Container)));
    }
}
