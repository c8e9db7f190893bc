namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>Every request type the door speaks, by key: what ApiVersions advertises and what a connection dispatches to.</summary>
public sealed class KafkaApis(IEnumerable<IKafkaApi> apis)
{
    private readonly Dictionary<KafkaApiKey, IKafkaApi> _byKey = apis.ToDictionary(a => a.Key);

    public IReadOnlyCollection<IKafkaApi> All => _byKey.Values;

    public IKafkaApi? Find(KafkaApiKey key) => _byKey.GetValueOrDefault(key);
}
