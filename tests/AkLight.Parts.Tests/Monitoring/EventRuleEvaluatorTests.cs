using AkLight.Monitoring.Events;

namespace AkLight.Parts.Tests.Monitoring;

/// <summary>The event rules on a clock the test moves: events carry their own time, <see cref="EventRuleEvaluator.Check"/> takes the clock's.</summary>
public sealed class EventRuleEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static EventRuleEvaluator Evaluator(params string[] rules) => new(rules.Select(EventRule.Parse).ToArray());

    private static ContainerEvent Event(string action, double second, int? exitCode = null, string? status = null, string container = "web") => new()
    {
        Action = action,
        ExitCode = exitCode,
        Status = status,
        Time = T0.AddSeconds(second),
        TimeNano = T0.AddSeconds(second).ToUnixTimeMilliseconds() * 1_000_000,
        ContainerId = container + "-id",
        Container = container,
    };

    private static List<AlertEvent> Feed(EventRuleEvaluator evaluator, params ContainerEvent[] events) =>
        events.SelectMany(e => evaluator.Observe("h1", e.Container, e)).ToList();

    [Fact]
    public void An_oom_fires_once_and_clears_after_the_quiet_period()
    {
        var evaluator = Evaluator("oom: event oom");

        var fired = Feed(evaluator, Event("oom", 0), Event("oom", 60), Event("start", 61));
        var single = Assert.Single(fired);
        Assert.Equal(("oom", "h1", "web", true, T0), (single.Rule, single.Host, single.Container, single.Firing, single.At));
        Assert.Equal("alerts/h1/web/oom", single.Topic);

        Assert.Empty(evaluator.Check(T0.AddSeconds(60 + 299))); // the second oom started the quiet period anew
        var cleared = Assert.Single(evaluator.Check(T0.AddSeconds(60 + 300)));
        Assert.False(cleared.Firing);
        Assert.Contains("no oom for 300s", cleared.Message, StringComparison.Ordinal);
        Assert.Empty(evaluator.Check(T0.AddHours(1)));
        Assert.Single(Feed(evaluator, Event("oom", 3600))); // a later oom is a new alert
    }

    [Fact]
    public void A_crash_fires_on_a_non_zero_exit_with_the_exit_code_and_clears_on_a_clean_one()
    {
        var evaluator = Evaluator("crash: event die exitCode != 0");

        var alerts = Feed(evaluator, Event("die", 0, exitCode: 0), Event("die", 10, exitCode: 137), Event("die", 20, exitCode: 1), Event("die", 30, exitCode: 0));

        Assert.Equal([true, false], alerts.Select(a => a.Firing));
        Assert.Equal(137, alerts[0].Value);
        Assert.Contains("die exitCode=137", alerts[0].Message, StringComparison.Ordinal);
        Assert.Contains("die exitCode=0", alerts[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_on_names_the_action_that_clears()
    {
        var evaluator = Evaluator("crash: event die exitCode != 0 clear on start");

        var alerts = Feed(evaluator, Event("die", 0, exitCode: 2), Event("restart", 1), Event("start", 2));

        Assert.Equal([true, false], alerts.Select(a => a.Firing));
        Assert.Empty(evaluator.Check(T0.AddDays(1))); // no quiet period with 'clear on'
    }

    [Fact]
    public void Unhealthy_holds_until_the_health_check_says_healthy_however_long_that_takes()
    {
        var evaluator = Evaluator("unhealthy: event health_status == unhealthy");

        Assert.Empty(Feed(evaluator, Event("health_status", 0, status: "healthy")));
        Assert.True(Assert.Single(Feed(evaluator, Event("health_status", 10, status: "unhealthy"))).Firing);
        Assert.Empty(evaluator.Check(T0.AddDays(1)));
        var cleared = Assert.Single(Feed(evaluator, Event("health_status", 90_000, status: "healthy")));
        Assert.False(cleared.Firing);
        Assert.Contains("health_status healthy", cleared.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flapping_fires_when_the_count_falls_within_the_window_and_clears_when_it_drops_below()
    {
        var evaluator = Evaluator("flapping: event restart count >= 3 within 5m");

        // Three restarts, but never three within five minutes.
        Assert.Empty(Feed(evaluator, Event("restart", 0), Event("restart", 200), Event("restart", 301)));
        var fired = Assert.Single(Feed(evaluator, Event("restart", 400))); // 200, 301, 400
        Assert.Equal((true, 3.0, T0.AddSeconds(400)), (fired.Firing, fired.Value, fired.At));
        Assert.Empty(Feed(evaluator, Event("restart", 450)));

        Assert.Empty(evaluator.Check(T0.AddSeconds(600))); // 301, 400, 450 still within
        var cleared = Assert.Single(evaluator.Check(T0.AddSeconds(650))); // only 400 and 450 left
        Assert.False(cleared.Firing);
        Assert.Contains("2 restart event(s) within 300s", cleared.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_are_apart_and_a_destroyed_container_clears_its_alerts()
    {
        var evaluator = Evaluator("oom: event oom", "unhealthy: event health_status == unhealthy");

        var fired = Feed(evaluator, Event("oom", 0), Event("health_status", 1, status: "unhealthy"), Event("oom", 2, container: "db"));
        Assert.Equal([("oom", "web"), ("unhealthy", "web"), ("oom", "db")], fired.Select(a => (a.Rule, a.Container)));

        var cleared = Feed(evaluator, Event("destroy", 5));
        Assert.Equal([("oom", false), ("unhealthy", false)], cleared.Select(a => (a.Rule, a.Firing)));
        Assert.All(cleared, a => Assert.Contains("destroyed", a.Message, StringComparison.Ordinal));
        Assert.Single(evaluator.Check(T0.AddHours(1))); // only db's oom is left to clear
    }
}
