using AkLight.Producer.Stress;

namespace AkLight.Parts.Tests.Metrics;

public sealed class StressOptionsTests
{
    private static StressOptions Parse(params string[] args) => StressOptions.From(ArgumentParser.Parse(args, StressOptions.ValueOptions, ["help"]));

    [Fact]
    public void By_default_every_core_is_loaded_for_30_seconds()
    {
        Assert.Equal(new StressOptions(Environment.ProcessorCount, 0, TimeSpan.FromSeconds(30), null), Parse());
    }

    [Fact]
    public void Memory_alone_loads_no_cpu_and_spikes_alternate()
    {
        Assert.Equal(new StressOptions(0, 256, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)), Parse("--memory", "256", "--seconds", "10", "--spike-every", "2"));
        Assert.Equal(new StressOptions(1, 64, TimeSpan.FromSeconds(30), null), Parse("--cpu", "1", "--memory", "64"));
    }

    [Theory]
    [InlineData("--cpu", "-1")]
    [InlineData("--seconds", "0")]
    [InlineData("--seconds", "100000")]
    [InlineData("--spike-every", "x")]
    public void Bad_values_are_usage_errors(string option, string value)
    {
        Assert.Throws<UsageException>(() => Parse(option, value));
    }
}
