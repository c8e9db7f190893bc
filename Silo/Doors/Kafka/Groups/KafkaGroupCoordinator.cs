using System.Collections.Concurrent;

namespace AkLight.Silo.Doors.Kafka.Groups;

/// <summary>
/// The Kafka groups this silo coordinates. Membership lives here, in memory (a member rejoins after a silo
/// restart, as after any coordinator change); committed offsets live in AKLight's consumer group of the same
/// name, so they survive restarts and the .NET client and HTTP see them.
/// </summary>
public sealed class KafkaGroupCoordinator : IDisposable
{
    private readonly ConcurrentDictionary<string, KafkaGroup> _groups = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _expiry;

    public KafkaGroupCoordinator(TimeProvider time)
    {
        _time = time;
        _expiry = time.CreateTimer(_ => Expire(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    public KafkaGroup Group(string name) => _groups.GetOrAdd(name, n => new KafkaGroup(n, _time));

    public KafkaGroup? Find(string name) => _groups.GetValueOrDefault(name);

    public IEnumerable<KafkaGroup> All => _groups.Values;

    public void Dispose() => _expiry.Dispose();

    private void Expire()
    {
        foreach (var group in _groups.Values)
        {
            group.Expire();
            // A member that joins a group just dropped here finds it unknown at SyncGroup and joins the new one.
            if (group.IsEmpty) _groups.TryRemove(new KeyValuePair<string, KafkaGroup>(group.Name, group));
        }
    }
}
