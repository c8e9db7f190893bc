using AkLight.Silo.Doors.Kafka;

namespace AkLight.Parts.Tests.Kafka;

public sealed class KafkaOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_bound_group_timeouts_as_kafka_does()
    {
        var options = new KafkaOptions();
        Assert.Null(options.Validate());
        Assert.Null(options.GroupTimeoutProblem(TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(5))); // librdkafka's defaults
        Assert.Contains("GroupMinSessionTimeout", options.GroupTimeoutProblem(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)));
        Assert.Contains("GroupMaxSessionTimeout", options.GroupTimeoutProblem(TimeSpan.FromHours(1), TimeSpan.FromSeconds(30)));
        Assert.Contains("GroupMaxRebalanceTimeout", options.GroupTimeoutProblem(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(int.MaxValue)));
    }

    [Theory]
    [InlineData("MaxUnauthenticatedRequestBytes", 512)]
    [InlineData("MaxUnauthenticatedRequestBytes", 200 * 1024 * 1024)]
    [InlineData("MaxConnections", 0)]
    [InlineData("MaxConnectionsPerAddress", 5000)]
    [InlineData("MaxFetchResponseBytes", 10)]
    [InlineData("MaxPartitionsPerRequest", 0)]
    public void Bounds_that_make_no_sense_are_refused_by_name(string setting, int value)
    {
        var options = new KafkaOptions();
        typeof(KafkaOptions).GetProperty(setting)!.SetValue(options, value);
        Assert.Contains(setting, options.Validate());
    }

    [Fact]
    public void Timeouts_that_make_no_sense_are_refused_by_name()
    {
        Assert.Contains("AuthenticationTimeout", new KafkaOptions { AuthenticationTimeout = TimeSpan.Zero }.Validate());
        Assert.Contains("GroupMinSessionTimeout", new KafkaOptions { GroupMinSessionTimeout = TimeSpan.FromHours(1) }.Validate());
        Assert.Contains("GroupMaxRebalanceTimeout", new KafkaOptions { GroupMaxRebalanceTimeout = TimeSpan.Zero }.Validate());
    }
}
