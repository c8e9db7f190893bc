namespace AkLight.Grains.Telemetry;

/// <summary>
/// Counts a fetch's messages as delivered. A fetch holds runs of messages of one partition, so the counters are
/// updated once per run (one topic), not once per message, and the topic's first level is cut once per run.
/// </summary>
public static class DeliveredTraffic
{
    public static void Record(IReadOnlyList<ConsumedMessage> messages)
    {
        if (messages.Count == 0 || !BrokerMeters.DeliveredMessages.Enabled) return;
        var runTopic = messages[0].Topic;
        long count = 0, bytes = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!ReferenceEquals(message.Topic, runTopic) && message.Topic != runTopic)
            {
                Flush(runTopic, count, bytes);
                runTopic = message.Topic;
                count = bytes = 0;
            }
            count++;
            bytes += (message.Key?.Length ?? 0) + (message.Payload?.Length ?? 0);
        }
        Flush(runTopic, count, bytes);
    }

    private static void Flush(string topic, long count, long bytes)
    {
        var level = BrokerMeters.TopicLevel(BrokerMeters.FirstLevel(topic));
        BrokerMeters.DeliveredMessages.Add(count, level);
        BrokerMeters.DeliveredBytes.Add(bytes, level);
    }
}
