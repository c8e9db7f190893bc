namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// Finds the Topic Alias property of an MQTT 5 PUBLISH in its body's bytes as they arrive, without keeping them: MQTTnet
/// decodes an alias of 0 as no alias, and MQTT 5 §3.3.2.3.4 makes 0 a protocol error. Reads the topic name, the packet
/// id (QoS 1 and 2), then the properties, and stops there (the payload is not looked at). A body it cannot follow is
/// left to MQTTnet, which refuses it as malformed.
/// </summary>
internal sealed class MqttPublishAliasScanner
{
    private const byte PayloadFormat = 0x01, MessageExpiry = 0x02, ContentType = 0x03, ResponseTopic = 0x08,
        CorrelationData = 0x09, SubscriptionIdentifier = 0x0B, TopicAlias = 0x23, UserProperty = 0x26;

    private Step _step;
    private int _count, _value, _shift, _strings;
    private long _propertiesLeft;
    private byte _property;
    private bool _hasPacketId;

    /// <summary>The Topic Alias the last body carried, or null when it had none.</summary>
    public int? Alias { get; private set; }

    /// <summary>Starts on a new PUBLISH body; <paramref name="qos"/> from its fixed header says whether a packet id follows the topic.</summary>
    public void Start(int qos)
    {
        (_step, _count, _value, _hasPacketId, Alias) = (Step.TopicLength, 2, 0, qos > 0, null);
    }

    /// <summary>False once the properties are read (or cannot be): the rest of the body need not be shown.</summary>
    public bool Wants => _step != Step.Done;

    public void Advance(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (_step == Step.Done) return;
            Take(b);
        }
    }

    private void Take(byte b)
    {
        switch (_step)
        {
            case Step.TopicLength:
                _value = (_value << 8) | b;
                if (--_count > 0) return;
                (_count, _step) = (_value, Step.Topic);
                if (_count == 0) AfterTopic();
                return;
            case Step.Topic:
                if (--_count == 0) AfterTopic();
                return;
            case Step.PacketId:
                if (--_count == 0) (_step, _value, _shift) = (Step.PropertiesLength, 0, 0);
                return;
            case Step.PropertiesLength:
                _value |= (b & 0x7F) << _shift;
                _shift += 7;
                if ((b & 0x80) != 0)
                {
                    if (_shift >= 28) _step = Step.Done;
                    return;
                }
                _propertiesLeft = _value;
                NextProperty();
                return;
            case Step.PropertyId:
                _propertiesLeft--;
                _property = b;
                _value = 0;
                (_step, _count) = b switch
                {
                    PayloadFormat => (Step.Fixed, 1),
                    MessageExpiry => (Step.Fixed, 4),
                    TopicAlias => (Step.Fixed, 2),
                    ContentType or ResponseTopic or CorrelationData => (Step.StringLength, 2),
                    UserProperty => (Step.StringLength, 2),
                    SubscriptionIdentifier => (Step.VariableInteger, 0),
                    _ => (Step.Done, 0),
                };
                _strings = b == UserProperty ? 2 : 1;
                return;
            case Step.Fixed:
                _propertiesLeft--;
                _value = (_value << 8) | b;
                if (--_count > 0) return;
                if (_property == TopicAlias) Alias = _value;
                NextProperty();
                return;
            case Step.StringLength:
                _propertiesLeft--;
                _value = (_value << 8) | b;
                if (--_count > 0) return;
                (_count, _step) = (_value, Step.String);
                if (_count == 0) AfterString();
                return;
            case Step.String:
                _propertiesLeft--;
                if (--_count == 0) AfterString();
                return;
            case Step.VariableInteger:
                _propertiesLeft--;
                if ((b & 0x80) == 0 || ++_count == 4) NextProperty();
                return;
        }
    }

    private void AfterTopic() => (_step, _count, _value, _shift) = _hasPacketId ? (Step.PacketId, 2, 0, 0) : (Step.PropertiesLength, 0, 0, 0);

    private void AfterString()
    {
        if (--_strings > 0) (_step, _count, _value) = (Step.StringLength, 2, 0);
        else NextProperty();
    }

    private void NextProperty() => _step = _propertiesLeft > 0 ? Step.PropertyId : Step.Done;

    private enum Step
    {
        TopicLength,
        Topic,
        PacketId,
        PropertiesLength,
        PropertyId,
        Fixed,
        StringLength,
        String,
        VariableInteger,
        Done,
    }
}
