using System.Collections.Concurrent;
using MQTTnet;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// One MQTT client as this silo knows it: who it is, its AKLight consumer session (id <c>mqtt:{client id}</c>)
/// and filters, what it was sent and has acknowledged, and its delivery pump. A client with a persistent session
/// keeps this while MQTTnet keeps its session; a clean one loses it at disconnect.
/// </summary>
internal sealed class MqttClientState(string clientId)
{
    public string ClientId { get; } = clientId;

    /// <summary>The AKLight consumer session of this client.</summary>
    public string SessionId => SessionPrefix + ClientId;

    public const string SessionPrefix = "mqtt:";

    public Principal Principal { get; set; } = Principal.Anonymous;

    public MqttProtocolVersion Version { get; set; }

    /// <summary>Clean session false (3.1.1) or session expiry above 0 (5): the AKLight session is persistent.</summary>
    public bool Persistent { get; set; }

    public bool Connected { get; set; }

    public ExactlyOnceReceipts Receipts { get; } = new();

    public DeliveryLedger Ledger { get; } = new();

    /// <summary>Deliveries queued or awaiting the client's acknowledgement, bounded by its Receive Maximum.</summary>
    public MqttInFlight InFlight { get; } = new();

    /// <summary>The client's shared subscriptions (<c>$share/{group}/{filter}</c>), by group.</summary>
    public ConcurrentDictionary<string, MqttSharedMember> Shared { get; } = new(StringComparer.Ordinal);

    /// <summary>Forgets the in-flight deliveries counted in <paramref name="ledger"/>.</summary>
    public void ForgetInFlight(DeliveryLedger ledger)
    {
        InFlight.Forget(ledger);
        ledger.Clear();
    }

    /// <summary>Serialises changes to the session (subscribe, unsubscribe, resume).</summary>
    public SemaphoreSlim SessionGate { get; } = new(1, 1);

    /// <summary>Counts the ends of the client's AKLight session: a pump stopped late leaves a newer session alone.</summary>
    public int SessionEnds;

    /// <summary>The filters the AKLight session reads, in subscription order; empty when it is not open.</summary>
    public List<string> Filters { get; } = [];

    /// <summary>Replays asked for in SUBSCRIBE (<c>aklight-from</c>), by filter, until the subscription is made.</summary>
    public ConcurrentDictionary<string, StartPosition> PendingStarts { get; } = new(StringComparer.Ordinal);

    /// <summary>Subscriptions accepted by the door but not yet made in MQTTnet: delivery waits for them.</summary>
    public int SubscribesInProgress;

    /// <summary>True when the client connected with clean start (clean session in 3.1.1).</summary>
    public bool CleanStart { get; set; }

    /// <summary>Set while the door delivers to this client: MQTTnet queued the message for it.</summary>
    public bool Enqueued { get; set; }

    public MqttDeliveryPump? Pump { get; set; }

    /// <summary>Seconds the session outlives the connection (MQTT 5 session expiry; 3.1.1: 0 or for ever).</summary>
    public uint ExpirySeconds { get; set; }

    /// <summary>The current connection's number from the client's session grain (0: the session ends with it).</summary>
    public long Connection { get; set; }

    /// <summary>The current connection's will, published by the door (MQTTnet never sees it).</summary>
    public MqttWill? Will { get; set; }

    /// <summary>A will waiting for its delay after the previous connection ended.</summary>
    public PendingWill? PendingWill;

    /// <summary>What CONNECT brought and the session grain answered, until the connection is made.</summary>
    public MqttArrival? Arrival { get; set; }

    /// <summary>Largest packet the client accepts (MQTT 5 Maximum Packet Size); 0: no limit but the protocol's.</summary>
    public uint MaxPacketSize { get; set; }

    /// <summary>
    /// True when <paramref name="message"/> is larger than the client accepts: MQTT 5 §3.1.2.11.4 has the server
    /// discard it as if it had been delivered. A few bytes are kept for the subscription identifiers MQTTnet adds.
    /// </summary>
    public bool TooLargeFor(MqttApplicationMessage message)
    {
        if (MaxPacketSize == 0) return false;
        var size = _packetSize ??= new MqttPacketSize(Version);
        return size.Exceeds(MqttPublishPacketFactory.Create(message), MaxPacketSize, slack: 10);
    }

    private MqttPacketSize? _packetSize;

    /// <summary>The packet id of the PUBLISH being read (a connection's packets come one at a time).</summary>
    public ushort ArrivingPacketId { get; set; }

    /// <summary>PUBLISHes whose PUBACK or PUBREC waits for their append, by packet id.</summary>
    public ConcurrentDictionary<ushort, PendingAck> PendingAcks { get; } = new();

    /// <summary>The client's publishes on their way to the log.</summary>
    public MqttPublishPipeline Pipeline(MqttPublishHandler publishes) =>
        _pipeline ??= new MqttPublishPipeline(publishes.AppendAsync, publishes.RetainAsync);

    private MqttPublishPipeline? _pipeline;

    /// <summary>The topic aliases the client set on its current connection (MQTT 5 §3.3.2.3.4: they end with it).</summary>
    public HashSet<ushort> TopicAliases { get; } = [];

    /// <summary>The client's subscriptions as it made them, kept with its session so another silo can take them up.</summary>
    public ConcurrentDictionary<string, MqttSubscriptionRecord> Subscriptions { get; } = new(StringComparer.Ordinal);
}

/// <summary>A validated CONNECT's will and the session grain's answer, handed from validation to the connection.</summary>
internal sealed record MqttArrival(MqttSessionTakeUp TakeUp, MqttWill? Will, uint ExpirySeconds);

/// <summary>
/// A message sent to a client and not yet acknowledged, with the ledger that counts it, and whether it was published
/// retained (for Retain As Published).
/// </summary>
internal readonly record struct InFlightDelivery(DeliveryLedger Ledger, TopicPartitionOffset Message, bool PublishedRetained);
