namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>
/// MQTT 5 §3.2.2.3.14: with <c>AkLight:Mqtt:ServerKeepAlive</c> set, CONNACK tells MQTT 5 clients the server's
/// keep-alive and the connection is held to it (closed after 1.5 times as long in silence, §3.1.2.10), whatever the
/// client asked for; MQTT 3.1.1 clients, who cannot be told, keep their own.
/// </summary>
public sealed class MqttServerKeepAliveTests
{
    private const int KeepAliveSeconds = 2;

    [Fact]
    public async Task Connack_tells_the_server_keep_alive_and_a_silent_client_is_closed_after_one_and_a_half_times_it()
    {
        await using var silo = await SiloServer.StartAsync([$"AkLight:Mqtt:ServerKeepAlive=00:00:0{KeepAliveSeconds}"], servesHttp: false);

        var (client, connack) = await MqttTestClient.TryConnectAsync(
            MqttTestClient.Options(silo.MqttPort, Names.Unique("told")).WithKeepAlivePeriod(TimeSpan.FromSeconds(120)).Build());
        await using (client) Assert.Equal(KeepAliveSeconds, connack.ServerKeepAlive);

        // MQTT 3.1.1, connected first and silent all along, with its own keep-alive of 60 s.
        using var mqtt311 = await RawMqtt.ConnectAsync(silo.MqttPort, Names.Unique("own"));
        // MQTT 5 asking for 60 s, then silent.
        using var silent = await RawMqtt.OpenAsync(silo.MqttPort);
        await silent.SendAsync(RawMqtt.ConnectV5(Names.Unique("silent"), sessionExpiry: 0));
        Assert.Equal(0x20, (await silent.ReadPacketAsync())[0]);
        var clock = Stopwatch.StartNew();

        var disconnect = await silent.ReadPacketAsync(); // bounded: 20 s
        var closedAfter = clock.Elapsed;
        Assert.Equal(0xE0, disconnect[0]);
        Assert.Equal(0x8D, disconnect[2]); // keep alive timeout
        Assert.True(await silent.IsClosedByBrokerAsync(TimeSpan.FromSeconds(10)), "the connection stays open after its DISCONNECT");
        // 1.5 × 2 s from its CONNECT (the broker checks every half second).
        Assert.InRange(closedAfter, TimeSpan.FromSeconds(1.5 * KeepAliveSeconds - 0.5), TimeSpan.FromSeconds(1.5 * KeepAliveSeconds + 3));
        Assert.False(await mqtt311.IsClosedByBrokerAsync(TimeSpan.FromMilliseconds(200)), "the MQTT 3.1.1 client was held to the server keep-alive it was never told");
    }
}
