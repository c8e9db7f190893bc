using MQTTnet.Exceptions;
using MQTTnet.Formatter;

namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>
/// The MQTT door on a silo with principals: CONNECT's user name and password are a principal, and its access rules
/// decide PUBLISH and SUBSCRIBE, refused with MQTT 5's reason codes or MQTT 3.1.1's equivalents.
/// </summary>
public sealed class MqttSecurityTests(SecuredSilo secured) : SecuredSiloTest(secured)
{
    private int Port => Secured.Silo.MqttPort;

    private string SecretOf(string principal) => Secured.KeyOf(principal)[(principal.Length + 1)..];

    private MqttClientOptions As(string principal, MqttProtocolVersion version = MqttProtocolVersion.V500) =>
        MqttTestClient.Options(Port, $"{principal}-{Guid.NewGuid():N}"[..20], version).WithCredentials(principal, SecretOf(principal)).Build();

    [Fact]
    public async Task Connect_without_a_valid_password_is_refused_with_the_spec_codes()
    {
        var (wrong, refused) = await MqttTestClient.TryConnectAsync(MqttTestClient.Options(Port, "wrong-5").WithCredentials("agent", "not-the-secret").Build());
        await using (wrong) Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.ResultCode);
        var (none, anonymous) = await MqttTestClient.TryConnectAsync(MqttTestClient.Options(Port, "none-5").Build());
        await using (none) Assert.Equal(MqttClientConnectResultCode.NotAuthorized, anonymous.ResultCode);

        var (exit, errors) = await Mosquitto.PublishAsync(Port, "-t", "metrics/x", "-m", "m", "-u", "agent", "-P", "not-the-secret");
        Assert.NotEqual(0, exit);
        Assert.Contains("bad user name or password", errors, StringComparison.OrdinalIgnoreCase);
        await Mosquitto.PublishOkAsync(Port, "-t", "metrics/mqtt-security", "-m", "m", "-q", "1", "-u", "agent", "-P", SecretOf("agent"));
    }

    [Fact]
    public async Task A_will_outside_the_principals_rules_refuses_the_connection()
    {
        var options = MqttTestClient.Options(Port, $"will-{Guid.NewGuid():N}"[..20]).WithCredentials("agent", SecretOf("agent"))
            .WithWillTopic("alerts/mqtt-will").WithWillPayload("gone").Build();
        var (refused, result) = await MqttTestClient.TryConnectAsync(options);
        await using (refused) Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result.ResultCode);

        var (exit, errors) = await Mosquitto.PublishAsync(Port, "-t", "metrics/mqtt-will", "-m", "m", "-u", "agent", "-P", SecretOf("agent"),
            "--will-topic", "alerts/mqtt-will", "--will-payload", "gone");
        Assert.NotEqual(0, exit);
        Assert.Contains("not authorised", errors.Replace("authorized", "authorised"), StringComparison.OrdinalIgnoreCase);

        var allowed = MqttTestClient.Options(Port, $"will-{Guid.NewGuid():N}"[..20]).WithCredentials("agent", SecretOf("agent"))
            .WithWillTopic("metrics/mqtt-will").WithWillPayload("gone").Build();
        await using var agent = await MqttTestClient.ConnectAsync(allowed);
    }

    [Fact]
    public async Task A_publish_outside_the_rules_gets_not_authorized_in_mqtt5_and_a_closed_connection_in_311()
    {
        await using var agent = await MqttTestClient.ConnectAsync(As("agent"));
        var refused = await agent.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("alerts/mqtt").WithPayload("no")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);
        var allowed = await agent.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("metrics/mqtt/ok").WithPayload("yes")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.Success, allowed.ReasonCode);

        // MQTT 3.1.1 cannot say "not authorized" in a PUBACK: the broker closes the connection (§3.3.5).
        await using var old = await MqttTestClient.ConnectAsync(As("agent", MqttProtocolVersion.V311));
        await Assert.ThrowsAnyAsync<MqttCommunicationException>(() => old.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("alerts/mqtt").WithPayload("no").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
    }

    [Fact]
    public async Task A_subscribe_outside_the_rules_gets_not_authorized_and_an_allowed_one_receives()
    {
        await using var monitor = await MqttTestClient.ConnectAsync(As("monitor"));
        var result = await monitor.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("other/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("metrics/mqtt-sub/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, result.Items.Single(i => i.TopicFilter.Topic == "other/#").ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, result.Items.Single(i => i.TopicFilter.Topic == "metrics/mqtt-sub/#").ResultCode);

        await using var old = await MqttTestClient.ConnectAsync(As("outsider", MqttProtocolVersion.V311));
        var refused = await old.Client.SubscribeAsync("metrics/#", MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Equal(MqttClientSubscribeResultCode.UnspecifiedError, Assert.Single(refused.Items).ResultCode); // 3.1.1's 0x80 failure

        await Mosquitto.PublishOkAsync(Port, "-t", "metrics/mqtt-sub/cpu", "-m", "42", "-q", "1", "-u", "agent", "-P", Secured.KeyOf("agent"));
        Assert.Equal("42", Assert.Single(await monitor.WaitForAsync(1)).ConvertPayloadToString());
    }
}
