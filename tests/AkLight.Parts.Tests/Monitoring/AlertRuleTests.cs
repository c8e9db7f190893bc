namespace AkLight.Parts.Tests.Monitoring;

public sealed class AlertRuleTests
{
    [Fact]
    public void Parses_a_rule_with_name_duration_and_clear_threshold()
    {
        var rule = AlertRule.Parse("high-mem: memory.percent >= 90 for 1m clear 80");
        Assert.Equal(new AlertRule("high-mem", "memory.percent", Comparison.AtLeast, 90, TimeSpan.FromMinutes(1), 80), rule);
    }

    [Fact]
    public void A_rule_without_a_name_or_duration_gets_defaults()
    {
        var rule = AlertRule.Parse("cpu > 80");
        Assert.Equal("cpu-high", rule.Name);
        Assert.Equal(TimeSpan.Zero, rule.For);
        Assert.Equal(80, rule.ClearThreshold);
        Assert.Equal("disk.free-low", AlertRule.Parse("disk.free < 5.5 for 500ms").Name);
    }

    [Theory]
    [InlineData("cpu >> 80")]
    [InlineData("cpu > eighty")]
    [InlineData("cpu > 80 for ever")]
    [InlineData("> 80")]
    public void A_malformed_rule_is_refused_naming_it(string line)
    {
        var error = Assert.Throws<FormatException>(() => RulesFile.Parse($"# rules\n\ncpu > 1\n{line}\n"));
        Assert.Contains("line 4", error.Message);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5m", 90_000)]
    [InlineData("2h", 7_200_000)]
    public void Durations_have_units(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), AlertRule.ParseDuration(text));
}
