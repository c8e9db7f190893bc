namespace AkLight.Parts.Tests.Monitoring;

public sealed class EventRuleTests
{
    [Fact]
    public void The_four_kinds_of_event_rule_parse()
    {
        var oom = EventRule.Parse("oom: event oom");
        var crash = EventRule.Parse("crash: event die exitCode != 0");
        var unhealthy = EventRule.Parse("unhealthy: event health_status == unhealthy");
        var flapping = EventRule.Parse("flapping: event restart count >= 3 within 5m");

        Assert.Equal(("oom", "oom", null, EventRule.DefaultClearAfter), (oom.Name, oom.Action, oom.Condition, oom.ClearAfter));
        Assert.Equal(new EventCondition("exitCode", "!=", "0"), crash.Condition);
        Assert.Equal(new EventCondition("status", "==", "unhealthy"), unhealthy.Condition); // no field: the status
        Assert.Null(unhealthy.ClearAfter); // a health status holds until the next one
        Assert.Equal((3, TimeSpan.FromMinutes(5), (TimeSpan?)null), (flapping.Count, flapping.Within, flapping.ClearAfter));
        Assert.Equal("flapping: event restart count >= 3 within 300s", flapping.ToString());
    }

    [Fact]
    public void Clearing_can_be_set_and_a_rule_without_a_name_is_named_by_its_action()
    {
        var after = EventRule.Parse("event die exitCode != 0 clear after 10m");
        var on = EventRule.Parse("crash: event die exitCode > 0 clear on start");

        Assert.Equal(("die", TimeSpan.FromMinutes(10)), (after.Name, after.ClearAfter!.Value));
        Assert.Equal(("start", (TimeSpan?)null), (on.ClearOn, on.ClearAfter));
        Assert.Equal("crash: event die exitCode > 0 clear on start", on.ToString());
    }

    [Theory]
    [InlineData("event explode", "'explode' is not an event the agent publishes")]
    [InlineData("event die exitCode > zero", "'>' compares numbers, and 'zero' is not a number")]
    [InlineData("event restart count >= 0 within 5m", "count '0' must be a whole number of at least 1")]
    [InlineData("event restart count >= 3 within ever", "duration 'ever'")]
    [InlineData("event restart count >= 3 within 5m clear after 1m", "takes no 'clear'")]
    [InlineData("event die clear on rain", "'clear on rain'")]
    [InlineData("event die exitCode != 0 for 30s", "is not '[name:] event ACTION")]
    [InlineData("event die exitCode =! 0", "is not '[name:] event ACTION")]
    public void A_bad_event_rule_is_refused_naming_the_problem(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RulesFile.Parse($"cpu > 80\n\n{line}\n"));

        Assert.StartsWith("line 3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rules_file_holds_both_kinds_and_names_must_differ_across_them()
    {
        var file = RulesFile.Parse("# thresholds and events\nhot: cpu > 80\noom: event oom\nevent > 5\n");

        Assert.Equal(["hot", "event-high"], file.Thresholds.Select(r => r.Name)); // a metric named "event" stays a threshold rule
        Assert.Equal(["oom"], file.Events.Select(r => r.Name));
        var duplicate = Assert.Throws<FormatException>(() => RulesFile.Parse("oom: cpu > 80\noom: event oom\n"));
        Assert.Equal("line 2: a rule named 'oom' is already defined; give one of them a name ('name: event oom ...')", duplicate.Message);
        var reserved = Assert.Throws<FormatException>(() => RulesFile.Parse("silence: event die\n"));
        Assert.Contains("reserved for the silence alarm", reserved.Message, StringComparison.Ordinal);
    }
}
