using System.Buffers;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace AkLight.Parts.Tests.Mqtt;

/// <summary>An MQTT message as a record and back; the key rule; shared subscription names.</summary>
public sealed class MqttMappingTests
{
    private static readonly MqttKeyRule ContainerLevel = new() { Filter = "metrics/docker/+/+/#", Level = 4 };

    [Fact]
    public void Properties_survive_the_log_and_user_properties_are_headers()
    {
        var sent = new MqttApplicationMessage
        {
            Topic = "metrics/docker/host1/web-1/cpu",
            Payload = new ReadOnlySequence<byte>([0, 1, 255]),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce,
            ContentType = "application/octet-stream",
            ResponseTopic = "replies/host1",
            CorrelationData = [9, 8],
            UserProperties = [new MqttUserProperty("unit", Encoding.UTF8.GetBytes("%").AsMemory())],
        };
        var record = MqttMessageMapping.ToRecord(sent, "client-1", [ContainerLevel]);
        Assert.Equal("web-1", Encoding.UTF8.GetString(record.Key!));
        Assert.Equal(new byte[] { 0, 1, 255 }, record.Payload);
        Assert.Contains(new MessageHeader("unit", "%"), record.Headers!);

        var stored = new ConsumedMessage(sent.Topic, 0, 5, DateTimeOffset.UtcNow, record.Key, record.Payload, record.Headers);
        var delivered = MqttMessageMapping.ToApplicationMessage(stored, DateTimeOffset.UtcNow)!;
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, delivered.QualityOfServiceLevel);
        Assert.Equal("application/octet-stream", delivered.ContentType);
        Assert.Equal("replies/host1", delivered.ResponseTopic);
        Assert.Equal(new byte[] { 9, 8 }, delivered.CorrelationData);
        Assert.Equal(["unit"], delivered.UserProperties!.Select(p => p.Name));
        Assert.Equal("client-1", MqttMessageMapping.PublisherOf(stored));
    }

    [Fact]
    public void The_key_property_wins_over_the_rule_and_no_rule_keys_by_the_topic_name()
    {
        var message = new MqttApplicationMessage
        {
            Topic = "metrics/docker/host1/web-1/cpu",
            UserProperties = [new MqttUserProperty(MqttMessageMapping.KeyProperty, Encoding.UTF8.GetBytes("mine").AsMemory())],
        };
        Assert.Equal("mine", Encoding.UTF8.GetString(MqttMessageMapping.ToRecord(message, "c", [ContainerLevel]).Key!));
        // MQTT 5 §4.6: one topic, one key, one partition, so its messages keep their order.
        Assert.Equal("other/x", Encoding.UTF8.GetString(MqttMessageMapping.ToRecord(new MqttApplicationMessage { Topic = "other/x" }, "c", [ContainerLevel]).Key!));
        Assert.Null(ContainerLevel.KeyOf("metrics/docker/host1"));
    }

    [Fact]
    public void An_expired_message_is_not_delivered_and_a_live_one_carries_what_is_left()
    {
        var record = MqttMessageMapping.ToRecord(new MqttApplicationMessage { Topic = "t", MessageExpiryInterval = 60 }, "c", []);
        var at = DateTimeOffset.UtcNow;
        var stored = new ConsumedMessage("t", 0, 0, at, null, record.Payload, record.Headers);
        Assert.Equal(20u, MqttMessageMapping.ToApplicationMessage(stored, at.AddSeconds(40))!.MessageExpiryInterval);
        Assert.Null(MqttMessageMapping.ToApplicationMessage(stored, at.AddSeconds(61)));
    }

    [Theory]
    [InlineData("$aklight-share/workers/jobs/#", true, "workers", "jobs/#")]
    [InlineData("jobs/#", false, "", "")]
    public void Shared_subscription_filters_split_into_group_and_filter(string filter, bool shared, string group, string inner)
    {
        Assert.Equal(shared, MqttSharedSubscriptions.TryParse(filter, out var g, out var f));
        Assert.Equal((group, inner), (g, f));
    }

    [Theory]
    [InlineData("$aklight-share/workers")]
    [InlineData("$aklight-share/work+ers/jobs")]
    [InlineData("$aklight-share/workers/jobs/#/x")]
    public void Bad_shared_subscriptions_are_refused_naming_the_problem(string filter) =>
        Assert.Throws<ArgumentException>(() => MqttSharedSubscriptions.TryParse(filter, out _, out _));
}
