using System.Collections.Concurrent;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>The MQTT clients this silo serves, by client id.</summary>
internal sealed class MqttClients
{
    private readonly ConcurrentDictionary<string, MqttClientState> _clients = new(StringComparer.Ordinal);

    public MqttClientState GetOrAdd(string clientId) => _clients.GetOrAdd(clientId, id => new MqttClientState(id));

    public MqttClientState? Find(string clientId) => _clients.GetValueOrDefault(clientId);

    public void Remove(MqttClientState client) => _clients.TryRemove(new KeyValuePair<string, MqttClientState>(client.ClientId, client));

    public IReadOnlyList<MqttClientState> All => _clients.Values.ToArray();
}
