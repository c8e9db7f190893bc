namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// QoS 2 on the receiving side (MQTT 5 §4.3.3, method B): the packet id of a stored PUBLISH is kept until its
/// PUBREL, and a PUBLISH with a kept id is a resend: acknowledged again, not stored again. MQTTnet passes every
/// PUBLISH on, so the door keeps these ids, per client for as long as its session lives on this silo.
/// </summary>
internal sealed class ExactlyOnceReceipts
{
    private readonly Lock _gate = new();
    private readonly HashSet<ushort> _stored = [];
    private (ushort Id, bool Resend)? _current;

    /// <summary>An incoming QoS 2 PUBLISH with <paramref name="packetId"/> (packets of a connection come one at a time).</summary>
    public void Arrived(ushort packetId)
    {
        lock (_gate) _current = (packetId, _stored.Contains(packetId));
    }

    /// <summary>An incoming PUBLISH of QoS 0 or 1.</summary>
    public void ArrivedOther()
    {
        lock (_gate) _current = null;
    }

    /// <summary>The QoS 2 PUBLISH being handled (null for other QoS, and for wills), taken once.</summary>
    public (ushort Id, bool Resend)? Take()
    {
        lock (_gate)
        {
            var current = _current;
            _current = null;
            return current;
        }
    }

    /// <summary>The QoS 2 PUBLISH <paramref name="packetId"/> is stored.</summary>
    public void Stored(ushort packetId)
    {
        lock (_gate) _stored.Add(packetId);
    }

    /// <summary>PUBREL: the sender will not resend <paramref name="packetId"/>.</summary>
    public void Released(ushort packetId)
    {
        lock (_gate) _stored.Remove(packetId);
    }
}
