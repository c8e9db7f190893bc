namespace AkLight.Silo.Doors.Mqtt;

/// <summary>What the door's handlers share: its settings, the MQTTnet server, the broker service and the clients.</summary>
internal sealed class MqttDoorContext(
    MqttOptions options, MqttServer server, AccessPolicy policy, Publisher publisher, ConsumerSessions sessions,
    GroupMembership groups, RetainedMessages retained, IGrainFactory grains, string siloName, ILogger log)
{
    public MqttOptions Options { get; } = options;

    public MqttServer Server { get; } = server;

    public MqttServerKeepAlive KeepAlive { get; } = new(options.ServerKeepAlive);

    public AccessPolicy Policy { get; } = policy;

    public Publisher Publisher { get; } = publisher;

    public ConsumerSessions Sessions { get; } = sessions;

    public MqttSubscriberSessions Subscribers { get; } = new(sessions);

    public GroupMembership Groups { get; } = groups;

    public RetainedMessages Retained { get; } = retained;

    public MqttClients Clients { get; } = new();

    /// <summary>This silo, as the session grains record where a client is connected.</summary>
    public string SiloName { get; } = siloName;

    /// <summary>The grain keeping <paramref name="clientId"/>'s session beyond its connection and its silo.</summary>
    public IMqttSessionGrain SessionOf(string clientId) => grains.GetGrain<IMqttSessionGrain>(clientId);

    public MqttWills Wills { get; set; } = null!;

    public MqttSharedSubscriptions Shared => _shared ??= new MqttSharedSubscriptions(this);

    private MqttSharedSubscriptions? _shared;

    public ILogger Log { get; } = log;

    /// <summary>Starts the client's delivery when it is connected, subscribed and not delivered to yet.</summary>
    public void EnsurePump(MqttClientState client)
    {
        lock (client)
        {
            if (!client.Connected || client.Filters.Count == 0 || client.Pump is { IsRunning: true }) return;
            client.Pump = new MqttDeliveryPump(client, this);
        }
    }
}
