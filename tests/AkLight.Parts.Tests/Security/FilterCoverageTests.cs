namespace AkLight.Parts.Tests.Security;

/// <summary>An access rule's filter covers a subscription only when every topic the subscription can match is matched by the rule.</summary>
public sealed class FilterCoverageTests
{
    [Theory]
    [InlineData("#", "a")]
    [InlineData("#", "a/b/c")]
    [InlineData("#", "+/+")]
    [InlineData("#", "#")]
    [InlineData("metrics/#", "metrics")]          // a/# matches its parent too
    [InlineData("metrics/#", "metrics/#")]
    [InlineData("metrics/#", "metrics/+/cpu")]
    [InlineData("metrics/#", "metrics/docker/host1/web-1/cpu")]
    [InlineData("metrics/+/cpu", "metrics/host1/cpu")]
    [InlineData("metrics/+/cpu", "metrics/+/cpu")]
    [InlineData("+/+/cpu", "metrics/+/cpu")]
    [InlineData("a/b", "a/b")]
    [InlineData("a//b", "a//b")]
    [InlineData("$SYS/#", "$SYS/broker/load")]
    [InlineData("+/#", "a/b")]
    public void A_rule_covers_what_it_matches_all_of(string rule, string subscription) =>
        Assert.True(TopicFilter.Parse(rule).Covers(TopicFilter.Parse(subscription)));

    [Theory]
    [InlineData("metrics/#", "#")]                // reaches beyond metrics
    [InlineData("metrics/#", "+/cpu")]
    [InlineData("metrics/#", "metricsx/a")]
    [InlineData("metrics/+/cpu", "metrics/#")]
    [InlineData("metrics/+/cpu", "metrics/+/+")]
    [InlineData("metrics/+/cpu", "metrics/host1/cpu/extra")]
    [InlineData("metrics/+/cpu", "metrics/host1")]
    [InlineData("a/b", "a/+")]
    [InlineData("a/b", "a")]
    [InlineData("a/+", "a")]                      // '+' needs a level; "a" has none below
    [InlineData("#", "$SYS/broker")]              // a leading wildcard never reaches '$' topics (MQTT 4.7.2)
    [InlineData("+/#", "$SYS/#")]
    [InlineData("a/#/", "a/b")]
    public void A_rule_does_not_cover_a_subscription_reaching_beyond_it(string rule, string subscription)
    {
        if (TopicFilter.Validate(rule) is not null) return; // not a filter at all: never a rule either
        Assert.False(TopicFilter.Parse(rule).Covers(TopicFilter.Parse(subscription)));
    }

    [Theory]
    [InlineData("metrics/#", "metrics/a/b")]
    [InlineData("metrics/+/cpu", "metrics/h/cpu")]
    [InlineData("#", "x")]
    public void For_topic_names_coverage_is_matching(string rule, string topic) =>
        Assert.Equal(TopicFilter.Parse(rule).Matches(topic), TopicFilter.Parse(rule).Covers(TopicFilter.Parse(topic)));
}
