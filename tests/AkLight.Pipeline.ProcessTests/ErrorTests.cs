namespace AkLight.Pipeline.ProcessTests;

/// <summary>Bad input exits 2 and an unreachable broker exits 3, each with one line on stderr and no stack trace.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task A_wildcard_topic_is_refused_as_bad_input()
    {
        var send = await Tools.ProducerAsync(["send", "--topic", "a/+/b", "--message", "x", "--broker", $"127.0.0.1:{FreePorts.Pick()}"]);

        Assert.True(send.ExitCode == 2, send.ToString());
        var error = Assert.Single(send.Stderr);
        Assert.Contains("wildcard", error, StringComparison.Ordinal);
        Assert.Empty(send.Stdout);
    }

    [Fact]
    public async Task A_bad_filter_is_refused_as_bad_input()
    {
        var consume = await Tools.ConsumerAsync(["--filter", "a/#/b", "--broker", $"127.0.0.1:{FreePorts.Pick()}"]);

        Assert.True(consume.ExitCode == 2, consume.ToString());
        var error = Assert.Single(consume.Stderr);
        Assert.Contains("a/#/b", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_broker_is_reported_with_its_address()
    {
        var address = $"127.0.0.1:{FreePorts.Pick()}";

        var send = await Tools.ProducerAsync(["send", "--broker", address, "--topic", "x", "--message", "y"]);

        Assert.True(send.ExitCode == 3, send.ToString());
        var error = Assert.Single(send.Stderr);
        Assert.Contains(address, error, StringComparison.Ordinal);
        Assert.True(send.Elapsed < TimeSpan.FromSeconds(20), $"took {send.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task An_unreachable_broker_stops_the_consumer_too()
    {
        var address = $"127.0.0.1:{FreePorts.Pick()}";

        var consume = await Tools.ConsumerAsync(["--filter", "x/#", "--broker", address]);

        Assert.True(consume.ExitCode == 3, consume.ToString());
        Assert.Contains(address, Assert.Single(consume.Stderr), StringComparison.Ordinal);
    }
}
