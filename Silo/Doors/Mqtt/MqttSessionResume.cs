namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// Takes up a persistent session this silo does not hold (it was served by another silo, or before a restart): the
/// AKLight session resumes from its commits, and MQTTnet gets the client's subscriptions back as the client made
/// them (QoS, no-local, retain-as-published; shared ones rejoin their groups), from the session grain's record.
/// </summary>
internal sealed class MqttSessionResume(MqttDoorContext door)
{
    public async Task ResumeAsync(MqttClientState client, MqttSessionTakeUp takeUp)
    {
        if (!takeUp.SessionPresent) return;
        var filters = await door.Subscribers.ResumeAsync(client);
        var subscriptions = takeUp.Subscriptions.Select(ToTopicFilter).ToList();
        // A session recorded before its subscriptions were: its filters come back at QoS 1.
        if (subscriptions.Count == 0)
            subscriptions = filters.Select(f => new MqttTopicFilter { Topic = f, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }).ToList();
        if (subscriptions.Count == 0) return;
        door.Log.LogInformation("MQTT client {Client}: persistent session taken up with {Filters} subscriptions", client.ClientId, subscriptions.Count);
        foreach (var record in takeUp.Subscriptions) client.Subscriptions[record.Filter] = record;
        await door.Server.SubscribeAsync(client.ClientId, subscriptions);
    }

    public static MqttSubscriptionRecord ToRecord(MqttTopicFilter filter) => new()
    {
        Filter = filter.Topic,
        Qos = (int)filter.QualityOfServiceLevel,
        NoLocal = filter.NoLocal,
        RetainAsPublished = filter.RetainAsPublished,
        RetainHandling = (int)filter.RetainHandling,
    };

    /// <summary>The subscription made again; retained messages are not sent again (it is not a new subscription).</summary>
    private static MqttTopicFilter ToTopicFilter(MqttSubscriptionRecord record) => new()
    {
        Topic = record.Filter,
        QualityOfServiceLevel = (MqttQualityOfServiceLevel)record.Qos,
        NoLocal = record.NoLocal,
        RetainAsPublished = record.RetainAsPublished,
        RetainHandling = MqttRetainHandling.DoNotSendOnSubscribe,
    };
}
