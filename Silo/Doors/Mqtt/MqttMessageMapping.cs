using System.Buffers;
using System.Globalization;
using System.Text;
using MQTTnet;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// An MQTT application message as an AKLight record and back. The payload is stored as sent; user properties
/// become headers; the MQTT 5 properties a subscriber must get back (QoS, content type, response topic,
/// correlation data, payload format, expiry) and the publisher's client id (for no-local) travel as reserved
/// <c>mqtt-</c> headers, which MQTT subscribers get as properties again, not as user properties.
/// </summary>
internal static class MqttMessageMapping
{
    /// <summary>The MQTT 5 user property whose value is the message key (so its partition); it is not stored as a header.</summary>
    public const string KeyProperty = "aklight-key";

    public const string QosHeader = "mqtt-qos";
    public const string ClientHeader = "mqtt-client-id";
    private const string ContentTypeHeader = "mqtt-content-type";
    private const string ResponseTopicHeader = "mqtt-response-topic";
    private const string CorrelationHeader = "mqtt-correlation-data";
    private const string FormatHeader = "mqtt-payload-format";
    private const string ExpiryHeader = "mqtt-message-expiry";
    private const string RetainHeader = "mqtt-retain";

    private static readonly HashSet<string> Reserved =
        [QosHeader, ClientHeader, ContentTypeHeader, ResponseTopicHeader, CorrelationHeader, FormatHeader, ExpiryHeader, RetainHeader];

    /// <summary>
    /// The record to store for <paramref name="message"/>, published by <paramref name="clientId"/>. Its key is the
    /// <c>aklight-key</c> user property, else the first key rule's level, else the topic name (so one topic keeps its order).
    /// </summary>
    public static ProduceRecord ToRecord(MqttApplicationMessage message, string clientId, IReadOnlyList<MqttKeyRule> keyRules)
    {
        string? key = null;
        var headers = new List<MessageHeader> { new(QosHeader, ((int)message.QualityOfServiceLevel).ToString(CultureInfo.InvariantCulture)) };
        if (clientId.Length > 0) headers.Add(new(ClientHeader, clientId));
        if (message.ContentType is { } contentType) headers.Add(new(ContentTypeHeader, contentType));
        if (message.ResponseTopic is { } responseTopic) headers.Add(new(ResponseTopicHeader, responseTopic));
        if (message.CorrelationData is { } correlation) headers.Add(new(CorrelationHeader, Convert.ToBase64String(correlation)));
        if (message.PayloadFormatIndicator == MqttPayloadFormatIndicator.CharacterData) headers.Add(new(FormatHeader, "1"));
        if (message.MessageExpiryInterval > 0) headers.Add(new(ExpiryHeader, message.MessageExpiryInterval.ToString(CultureInfo.InvariantCulture)));
        if (message.Retain) headers.Add(new(RetainHeader, "1"));
        foreach (var property in message.UserProperties ?? [])
        {
            if (property.Name == KeyProperty) key = property.ReadValueAsString();
            else if (!Reserved.Contains(property.Name)) headers.Add(new(property.Name, property.ReadValueAsString()));
        }
        key ??= keyRules.Select(rule => rule.KeyOf(message.Topic)).FirstOrDefault(k => k is not null);
        // MQTT 5 §4.6: a topic's messages are delivered in the order they were published. Partitions are ordered,
        // a topic's partitions are not, so a message no rule keys is keyed by its topic name: one MQTT topic, one
        // partition, in publish order for MQTT subscribers and Kafka-style consumers alike.
        key ??= message.Topic;
        return new ProduceRecord(key is null ? null : Encoding.UTF8.GetBytes(key), message.Payload.ToArray(), headers);
    }

    /// <summary>
    /// The application message delivering <paramref name="stored"/>, or null when its MQTT 5 expiry has passed.
    /// Records from other doors carry no QoS and are delivered at QoS 1 (then at most the subscription's QoS).
    /// </summary>
    public static MqttApplicationMessage? ToApplicationMessage(ConsumedMessage stored, DateTimeOffset now)
    {
        var message = new MqttApplicationMessage
        {
            Topic = stored.Topic,
            Payload = new ReadOnlySequence<byte>(stored.Payload ?? []),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            // Always a list of its own: the acknowledgement of this delivery is matched by it.
            UserProperties = [],
        };
        foreach (var header in stored.Headers ?? [])
        {
            switch (header.Name)
            {
                case QosHeader when int.TryParse(header.Value, out var qos) && qos is >= 0 and <= 2:
                    message.QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos;
                    break;
                case ContentTypeHeader:
                    message.ContentType = header.Value;
                    break;
                case ResponseTopicHeader:
                    message.ResponseTopic = header.Value;
                    break;
                case CorrelationHeader:
                    message.CorrelationData = Convert.FromBase64String(header.Value);
                    break;
                case FormatHeader:
                    message.PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData;
                    break;
                case ExpiryHeader when uint.TryParse(header.Value, out var seconds):
                    var left = seconds - (now - stored.Timestamp).TotalSeconds;
                    if (left <= 0) return null;
                    message.MessageExpiryInterval = (uint)Math.Ceiling(left);
                    break;
                case ClientHeader or RetainHeader:
                    break;
                default:
                    message.UserProperties.Add(new MqttUserProperty(header.Name, System.Text.Encoding.UTF8.GetBytes(header.Value).AsMemory()));
                    break;
            }
        }
        return message;
    }

    /// <summary>
    /// True when <paramref name="stored"/> was published with the retain flag. The delivery itself never carries it
    /// (see <see cref="MqttRetainAsPublished"/>): only a Retain As Published subscription gets it back.
    /// </summary>
    public static bool WasPublishedRetained(ConsumedMessage stored) =>
        stored.Headers?.Any(h => h.Name == RetainHeader) == true;

    /// <summary>The MQTT client that published <paramref name="stored"/>, or "" for other doors.</summary>
    public static string PublisherOf(ConsumedMessage stored) =>
        stored.Headers?.FirstOrDefault(h => h.Name == ClientHeader)?.Value ?? "";
}
