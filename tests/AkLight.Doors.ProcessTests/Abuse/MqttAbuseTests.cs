using System.Net.Sockets;
using AkLight.Doors.ProcessTests.Mqtt;
using MQTTnet.Formatter;

namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// What an attacker tries against the MQTT door, each refused with nothing changed: taking another principal's client
/// id over, control characters in a client id (on the silo with principals), and holding the silo's connections and
/// memory before authenticating (on a silo of the test's own with small caps).
/// </summary>
public sealed class MqttAbuseTests(SecuredSilo secured, MqttAbuseTests.CappedSilo capped) : SecuredSiloTest(secured), IClassFixture<MqttAbuseTests.CappedSilo>
{
    private int Port => Secured.Silo.MqttPort;

    private MqttClientOptionsBuilder As(string principal, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500) =>
        MqttTestClient.Options(Port, clientId, version).WithCredentials(principal, Secured.KeyOf(principal)[(principal.Length + 1)..]);

    [Fact]
    public async Task Another_principal_cannot_take_a_client_id_over_and_the_owner_keeps_its_session_queue_and_connection()
    {
        var clientId = Names.Unique("owned");
        var topic = Names.Unique("metrics/owned") + "/cpu";
        MqttClientOptions Owner() => As("monitor", clientId).WithCleanStart(false).WithSessionExpiryInterval(600).Build();
        await using (var owner = await MqttTestClient.ConnectAsync(Owner()))
            await owner.Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        await Mosquitto.PublishOkAsync(Port, "-t", topic, "-m", "queued-1", "-q", "1", "-u", "agent", "-P", Secured.KeyOf("agent"));

        // Offline owner: neither a clean start (which would end the session) nor a resume is allowed, in MQTT 5 or 3.1.1.
        foreach (var attempt in new[]
        {
            As("outsider", clientId).WithCleanStart(true).Build(),
            As("outsider", clientId).WithCleanStart(false).WithSessionExpiryInterval(600).Build(),
            As("outsider", clientId, MqttProtocolVersion.V311).WithCleanSession(false).Build(),
        })
        {
            var (thief, refused) = await MqttTestClient.TryConnectAsync(attempt);
            await using (thief)
            {
                Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refused.ResultCode);
                if (attempt.ProtocolVersion == MqttProtocolVersion.V500) Assert.Contains("belongs to another principal", refused.ReasonString);
            }
        }

        await using var back = await MqttTestClient.ConnectAsync(Owner());
        Assert.True(back.Client.IsConnected);
        Assert.Equal(["queued-1"], (await back.WaitForAsync(1)).Select(m => m.ConvertPayloadToString()));

        // Live owner: the thief is refused and the owner's connection carries on delivering.
        var (live, refusedLive) = await MqttTestClient.TryConnectAsync(As("outsider", clientId).WithCleanStart(true).Build());
        await using (live) Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refusedLive.ResultCode);
        await Mosquitto.PublishOkAsync(Port, "-t", topic, "-m", "live-2", "-q", "1", "-u", "agent", "-P", Secured.KeyOf("agent"));
        Assert.Equal(["queued-1", "live-2"], (await back.WaitForAsync(2)).Select(m => m.ConvertPayloadToString()));
        Assert.True(back.Client.IsConnected);

        // An operator may: a superuser takes the id over, session included.
        var (admin, taken) = await MqttTestClient.TryConnectAsync(As("admin", clientId).WithCleanStart(false).WithSessionExpiryInterval(600).Build());
        await using (admin)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, taken.ResultCode);
            Assert.True(taken.IsSessionPresent);
            await Wait.UntilAsync(() => !back.Client.IsConnected, TimeSpan.FromSeconds(20), "the owner's connection taken over by the superuser");
        }
    }

    [Theory]
    [InlineData("evil\u001b[2J", "U+001B", MqttProtocolVersion.V500)]
    [InlineData("forged\nINFO admin logged in", "U+000A", MqttProtocolVersion.V500)]
    [InlineData("c1\u0085", "U+0085", MqttProtocolVersion.V500)]
    [InlineData("nul\u0000x", "U+0000", MqttProtocolVersion.V311)]
    [InlineData("del\u007f", "U+007F", MqttProtocolVersion.V311)]
    public async Task A_client_id_with_a_control_character_is_refused_as_not_valid(string clientId, string character, MqttProtocolVersion version)
    {
        var (client, refused) = await MqttTestClient.TryConnectAsync(As("monitor", clientId, version).Build());
        await using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, refused.ResultCode); // MQTT 5 0x85, 3.1.1 return code 2
            if (version == MqttProtocolVersion.V500) Assert.Contains(character, refused.ReasonString);
        }
    }

    [Fact]
    public async Task A_connection_that_sends_no_whole_connect_in_time_is_closed()
    {
        using var silent = await RawMqtt.OpenAsync(capped.MqttPort);
        using var trickle = await RawMqtt.OpenAsync(capped.MqttPort);
        await trickle.SendAsync([0x10, 0x7F, 0x00, 0x04, (byte)'M']); // a CONNECT that never ends
        Assert.True(await silent.IsClosedByBrokerAsync(TimeSpan.FromSeconds(60)), "a connection that sent nothing stayed open");
        Assert.True(await trickle.IsClosedByBrokerAsync(TimeSpan.FromSeconds(60)), "a connection that sent part of a CONNECT stayed open");
    }

    [Fact]
    public async Task A_connect_larger_than_the_limit_closes_the_connection_and_one_within_it_is_accepted()
    {
        MqttClientOptions WithWill(int bytes) => MqttTestClient.Options(capped.MqttPort, Names.Unique("will"))
            .WithWillTopic("metrics/will").WithWillPayload(new byte[bytes]).Build();
        await Assert.ThrowsAnyAsync<Exception>(() => MqttTestClient.TryConnectAsync(WithWill(70 * 1024)));
        await using var within = await MqttTestClient.ConnectAsync(WithWill(60 * 1024));

        // A header announcing 200 MB: the broker closes the connection rather than wait for (and hold) the body.
        using var huge = await RawMqtt.OpenAsync(capped.MqttPort);
        await huge.SendAsync([0x10, 0x80, 0x80, 0xE8, 0x5F, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T']);
        Assert.True(await huge.IsClosedByBrokerAsync(TimeSpan.FromSeconds(60)), "a connection announcing a 200 MB CONNECT stayed open");
    }

    [Fact]
    public async Task Connections_over_the_per_address_and_per_port_caps_are_refused_and_a_released_one_admits_again()
    {
        var first = IPAddress.Loopback;
        var second = IPAddress.Parse("127.0.0.2");
        var held = new List<RawMqtt>();
        try
        {
            for (var i = 0; i < CappedSilo.PerAddress; i++) held.Add(await HoldAsync(first));
            Assert.True(await RefusedAsync(first), "one connection over the per-address cap was served");
            for (var i = CappedSilo.PerAddress; i < CappedSilo.PerPort; i++) held.Add(await HoldAsync(second));
            Assert.True(await RefusedAsync(IPAddress.Parse("127.0.0.3")), "one connection over the per-port cap was served");

            held[0].Dispose();
            await Wait.UntilAsync(async () => !await RefusedAsync(first), TimeSpan.FromSeconds(30), "a connection admitted once another one closed");
        }
        finally
        {
            foreach (var connection in held) connection.Dispose();
        }
    }

    /// <summary>
    /// A connection from <paramref name="from"/> that the broker accepted. Connections of the tests before may take a
    /// moment to be counted out, so a refused attempt is tried again.
    /// </summary>
    private async Task<RawMqtt> HoldAsync(IPAddress from)
    {
        RawMqtt? held = null;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                held = await RawMqtt.ConnectAsync(capped.MqttPort, Names.Unique("held"), from);
                return true;
            }
            catch (Exception refused) when (refused is IOException or SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), $"a connection from {from} admitted");
        return held!;
    }

    /// <summary>True when a connection from <paramref name="from"/> is closed without a CONNACK to its CONNECT.</summary>
    private async Task<bool> RefusedAsync(IPAddress from)
    {
        RawMqtt extra;
        try
        {
            extra = await RawMqtt.OpenAsync(capped.MqttPort, from);
            await extra.SendAsync(RawMqtt.Connect(Names.Unique("extra")));
        }
        catch (Exception closed) when (closed is IOException or SocketException)
        {
            return true; // closed before the CONNECT was written
        }
        using (extra) return await extra.IsClosedByBrokerAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A silo without principals whose MQTT door has small caps and a short CONNECT timeout.</summary>
    public sealed class CappedSilo : IAsyncLifetime
    {
        public const int PerAddress = 3, PerPort = 5;

        private SiloServer? _silo;

        public int MqttPort => _silo?.MqttPort ?? throw new InvalidOperationException("the silo is not started");

        public async Task InitializeAsync() => _silo = await SiloServer.StartAsync(
            [$"AkLight:Mqtt:MaxConnectionsPerAddress={PerAddress}", $"AkLight:Mqtt:MaxConnectionsPerPort={PerPort}", "AkLight:Mqtt:ConnectTimeout=00:00:02"]);

        public async Task DisposeAsync()
        {
            if (_silo is not null) await _silo.DisposeAsync();
        }
    }
}
