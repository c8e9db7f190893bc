namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// MQTT 5 §3.8.3.1 Retain As Published for messages the door delivers from the log. The door hands MQTTnet every
/// delivery with the retain flag off, because MQTTnet takes a message injected with the flag on as a new retained
/// message and would replace the topic's current one with it (a replay of an old one, say). So MQTTnet sends every
/// live delivery with retain 0, and the door sets the flag again on the PUBLISH leaving for a client that has a
/// matching subscription with Retain As Published, when the message was published retained.
/// </summary>
internal static class MqttRetainAsPublished
{
    /// <summary>
    /// True when one of <paramref name="subscriptions"/> that matches <paramref name="topic"/> asked for Retain As
    /// Published (MQTTnet's rule for overlapping subscriptions: any of them); a shared one by its filter inside.
    /// </summary>
    public static bool Applies(IEnumerable<MqttSubscriptionRecord> subscriptions, string topic) =>
        subscriptions.Any(s => s.RetainAsPublished && TopicFilter.Parse(FilterOf(s.Filter)).Matches(topic));

    private static string FilterOf(string subscription) =>
        MqttSharedSubscriptions.TryParse(subscription, out _, out var inner) ? inner : subscription;
}
