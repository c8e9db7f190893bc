using AkLight.Grains.Topics;

namespace AkLight.Parts.Tests;

public sealed class TopicDefaultsTests
{
    private static readonly BrokerOptions Options = new()
    {
        DefaultPartitions = 3,
        DefaultRetention = TimeSpan.FromDays(2),
        TopicDefaults =
        [
            new TopicDefaultRule { Filter = "metrics/docker/+/+/cpu", Partitions = 1, Retention = TimeSpan.FromMinutes(10) },
            new TopicDefaultRule { Filter = "metrics/#", Partitions = 4, Retention = TimeSpan.FromHours(1) },
        ],
    };

    [Theory]
    [InlineData("metrics/docker/h1/web/cpu", 1, 600)]
    [InlineData("metrics/docker/h1/web/mem", 4, 3600)]
    [InlineData("metrics", 4, 3600)]
    [InlineData("logs/app", 3, 172800)]
    public void The_first_matching_rule_wins_else_the_broker_default(string topic, int partitions, int retentionSeconds)
    {
        var settings = new TopicDefaults(Options).For(TopicName.Parse(topic));
        Assert.Equal(new TopicSettings(partitions, TimeSpan.FromSeconds(retentionSeconds)), settings);
    }

    [Fact]
    public void A_rule_with_a_malformed_filter_or_zero_partitions_fails_validation()
    {
        Assert.Contains("TopicDefaults rule 'a/#/b'", new BrokerOptions { TopicDefaults = [new TopicDefaultRule { Filter = "a/#/b" }] }.Validate());
        Assert.Contains("partition count must be at least 1", new BrokerOptions { TopicDefaults = [new TopicDefaultRule { Filter = "a", Partitions = 0 }] }.Validate());
        Assert.Equal("AkLight:Broker:MaxMessageBytes must be positive, got 0", new BrokerOptions { MaxMessageBytes = 0 }.Validate());
        Assert.Null(new BrokerOptions().Validate());
    }
}
