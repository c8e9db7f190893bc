namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// The messages handed to MQTTnet for one client and not yet done with (queued, or sent and not acknowledged), by the
/// identity of their user-property list, and the window that bounds them: at most <see cref="Capacity"/> at once, the
/// client's Receive Maximum (MQTT 5 §3.1.2.11.3, §4.9: never more unacknowledged QoS 1 and 2 PUBLISHes than the client
/// said it takes) or the door's <see cref="MqttOptions.MaxInFlight"/>, whichever is smaller. The door delivers a message
/// only once it has a place here, so MQTTnet, which knows nothing of Receive Maximum, never has more to send. A QoS 0
/// delivery holds its place until it is sent.
/// </summary>
internal sealed class MqttInFlight
{
    private readonly Dictionary<object, InFlightDelivery> _deliveries = new(ReferenceEqualityComparer.Instance);
    private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _capacity = 1;

    /// <summary>Most deliveries at once; set at each connection (a smaller one than what is in flight lets the rest finish).</summary>
    public int Capacity
    {
        get { lock (_deliveries) return _capacity; }
        set
        {
            if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value), value, "an in-flight window holds at least one delivery");
            lock (_deliveries)
            {
                _capacity = value;
                SignalRoom();
            }
        }
    }

    /// <summary>
    /// The window of a connection: the client's Receive Maximum (MQTT 5; 0 is its absence, which means 65,535) or the
    /// door's <paramref name="maxInFlight"/>, whichever is smaller. MQTT 3.1.1 clients have no Receive Maximum.
    /// </summary>
    public static int CapacityFor(MqttProtocolVersion version, ushort receiveMaximum, int maxInFlight) =>
        version == MqttProtocolVersion.V500 && receiveMaximum > 0 ? Math.Min(receiveMaximum, maxInFlight) : maxInFlight;

    public int Count
    {
        get { lock (_deliveries) return _deliveries.Count; }
    }

    /// <summary>Places the window has free now (0 when full).</summary>
    public int Room
    {
        get { lock (_deliveries) return Math.Max(0, _capacity - _deliveries.Count); }
    }

    /// <summary>Waits until the window has room (or <paramref name="stop"/>), then records <paramref name="delivery"/> under <paramref name="mark"/>.</summary>
    public async Task AddAsync(object mark, InFlightDelivery delivery, CancellationToken stop)
    {
        while (true)
        {
            Task room;
            lock (_deliveries)
            {
                if (_deliveries.Count < _capacity)
                {
                    _deliveries[mark] = delivery;
                    return;
                }
                room = _room.Task;
            }
            await room.WaitAsync(stop);
        }
    }

    /// <summary>Waits until the window has room, without taking it (or <paramref name="stop"/>).</summary>
    public async Task WaitForRoomAsync(CancellationToken stop)
    {
        while (true)
        {
            Task room;
            lock (_deliveries)
            {
                if (_deliveries.Count < _capacity) return;
                room = _room.Task;
            }
            await room.WaitAsync(stop);
        }
    }

    public bool TryGet(object mark, out InFlightDelivery delivery)
    {
        lock (_deliveries) return _deliveries.TryGetValue(mark, out delivery);
    }

    /// <summary>Done with the delivery under <paramref name="mark"/> (acknowledged, sent at QoS 0, or never queued): its place is free.</summary>
    public bool TryRemove(object mark, out InFlightDelivery delivery)
    {
        lock (_deliveries)
        {
            if (!_deliveries.Remove(mark, out delivery)) return false;
            SignalRoom();
            return true;
        }
    }

    /// <summary>Forgets the deliveries counted in <paramref name="ledger"/> (they are read again from the commits).</summary>
    public void Forget(DeliveryLedger ledger)
    {
        lock (_deliveries)
        {
            foreach (var mark in _deliveries.Where(d => d.Value.Ledger == ledger).Select(d => d.Key).ToArray()) _deliveries.Remove(mark);
            SignalRoom();
        }
    }

    /// <summary>Wakes every waiter; called under the lock after a place was freed.</summary>
    private void SignalRoom()
    {
        if (_deliveries.Count >= _capacity) return;
        _room.TrySetResult();
        _room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
