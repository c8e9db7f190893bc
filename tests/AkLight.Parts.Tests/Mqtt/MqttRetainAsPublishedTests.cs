using MQTTnet;

namespace AkLight.Parts.Tests.Mqtt;

/// <summary>MQTT 5 §3.8.3.1: which deliveries from the log get their retain flag back.</summary>
public sealed class MqttRetainAsPublishedTests
{
    [Fact]
    public void A_retained_publish_is_stored_as_such_and_handed_to_mqttnet_without_the_flag()
    {
        var record = MqttMessageMapping.ToRecord(new MqttApplicationMessage { Topic = "a/b", Retain = true }, "c", []);
        var stored = new ConsumedMessage("a/b", 0, 0, DateTimeOffset.UtcNow, record.Key, record.Payload, record.Headers);

        Assert.True(MqttMessageMapping.WasPublishedRetained(stored));
        var delivered = MqttMessageMapping.ToApplicationMessage(stored, DateTimeOffset.UtcNow)!;
        Assert.False(delivered.Retain); // MQTTnet would take it as a new retained message
        Assert.Empty(delivered.UserProperties!);

        var plain = MqttMessageMapping.ToRecord(new MqttApplicationMessage { Topic = "a/b" }, "c", []);
        Assert.False(MqttMessageMapping.WasPublishedRetained(new ConsumedMessage("a/b", 0, 1, DateTimeOffset.UtcNow, plain.Key, plain.Payload, plain.Headers)));
    }

    [Theory]
    [InlineData("a/+", true, "a/b", true)]
    [InlineData("a/+", false, "a/b", false)]
    [InlineData("x/#", true, "a/b", false)]
    [InlineData("$aklight-share/g/a/#", true, "a/b", true)]
    [InlineData("/+", true, "/a", true)]
    public void Applies_when_a_matching_subscription_asked_for_it(string filter, bool retainAsPublished, string topic, bool applies)
    {
        var subscriptions = new[]
        {
            new MqttSubscriptionRecord { Filter = "other/#", RetainAsPublished = true },
            new MqttSubscriptionRecord { Filter = filter, RetainAsPublished = retainAsPublished },
        };
        Assert.Equal(applies, MqttRetainAsPublished.Applies(subscriptions, topic));
    }
}
