namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>The metric agent publishing through the MQTT door (<c>--mqtt host:port</c>).</summary>
public sealed class MqttAgentTests(SharedSilo shared) : SharedSiloTest(shared)
{
    [Fact]
    public async Task The_agent_publishes_its_metrics_over_mqtt_keyed_as_over_the_gateway()
    {
        var host = Names.Unique("mqtt-agent");
        using var agent = ProcessRunner.StartDotnet(RepositoryPaths.ProducerDll,
            ["agent", "--docker", "off", "--interval", "0.2", "--host", host, "--producer-id", "mqtt-test", "--mqtt", $"127.0.0.1:{MqttPort}"]);
        string? topic = null;
        await Wait.UntilAsync(async () =>
        {
            var topics = (await Http.GetJsonAsync("api/topics")).GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("name").GetString()!);
            topic = topics.FirstOrDefault(t => t.StartsWith($"metrics/docker/{host}/", StringComparison.Ordinal) && !t.EndsWith("/status", StringComparison.Ordinal));
            return topic is not null;
        }, TimeSpan.FromSeconds(30), $"a metric topic of host {host}", agent.Describe);

        var message = (await TopicLog.WaitForAsync(Http, topic!, 1))[0];
        Assert.Equal(host, message.GetProperty("key").GetString()); // without Docker the host is the key
        Assert.Contains("\"producer\":\"mqtt-test\"", message.GetProperty("payload").GetString(), StringComparison.Ordinal);
        Assert.Contains(agent.Stderr.Concat(agent.Stdout), l => l.Contains($"MQTT door 127.0.0.1:{MqttPort}", StringComparison.Ordinal));
    }
}
