namespace AkLight.Parts.Tests.Metrics;

public sealed class AgentOptionsTests
{
    private static AgentOptions Parse(string[] args, Dictionary<string, string>? environment = null) =>
        AgentOptions.From(ArgumentParser.Parse(args, AgentOptions.ValueOptions, ["help"]), name => environment?.GetValueOrDefault(name));

    [Fact]
    public void Without_options_or_environment_the_defaults_apply()
    {
        var options = Parse([]);

        Assert.Equal(Environment.MachineName, options.ProducerId);
        Assert.Equal(Environment.MachineName, options.Host);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Interval);
        Assert.Equal(DockerMode.Auto, options.Docker);
        Assert.Equal("/var/run/docker.sock", options.DockerSocket);
        Assert.Equal("/", options.DiskPath);
        Assert.Equal(10_000, options.BufferCapacity);
        Assert.Equal(["127.0.0.1:30000"], options.Brokers);
    }

    [Fact]
    public void The_environment_fills_in_what_the_command_line_does_not_say()
    {
        var environment = new Dictionary<string, string>
        {
            ["AKLIGHT_PRODUCER_ID"] = "agent-7",
            ["AKLIGHT_HOST"] = "node-3",
            ["AKLIGHT_INTERVAL"] = "2.5",
            ["AKLIGHT_DOCKER"] = "off",
            ["AKLIGHT_DOCKER_SOCKET"] = "unix:///run/docker.sock",
            ["AKLIGHT_DISK_PATH"] = "/data",
            ["AKLIGHT_BUFFER"] = "500",
            ["AKLIGHT_BROKERS"] = "broker-1:30000, broker-2:30000",
        };

        var options = Parse([], environment);

        Assert.Equal(new AgentOptions("agent-7", "node-3", TimeSpan.FromSeconds(2.5), DockerMode.Off, "/run/docker.sock", "/data", 500, options.Brokers), options);
        Assert.Equal(["broker-1:30000", "broker-2:30000"], options.Brokers);
    }

    [Fact]
    public void The_command_line_wins_over_the_environment()
    {
        var environment = new Dictionary<string, string> { ["AKLIGHT_INTERVAL"] = "9", ["AKLIGHT_PRODUCER_ID"] = "env", ["AKLIGHT_BROKERS"] = "a:1" };

        var options = Parse(["--interval", "1", "--producer-id", "p1", "--docker", "AUTO", "--broker", "127.0.0.1:30001"], environment);

        Assert.Equal((TimeSpan.FromSeconds(1), "p1", DockerMode.Auto), (options.Interval, options.ProducerId, options.Docker));
        Assert.Equal(["127.0.0.1:30001"], options.Brokers);
    }

    [Theory]
    [InlineData("--interval", "0", "--interval")]
    [InlineData("--interval", "soon", "--interval")]
    [InlineData("--docker", "on", "--docker")]
    [InlineData("--buffer", "0", "--buffer")]
    [InlineData("--broker", "localhost", "localhost")]
    [InlineData("--broker", "h:70000", "h:70000")]
    public void Bad_values_are_usage_errors_that_name_the_option(string option, string value, string named)
    {
        var error = Assert.Throws<UsageException>(() => Parse([option, value]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var error = Assert.Throws<UsageException>(() => Parse([], new() { ["AKLIGHT_BUFFER"] = "lots" }));

        Assert.Contains("AKLIGHT_BUFFER", error.Message, StringComparison.Ordinal);
    }
}
