namespace AkLight.Grains.Common;

/// <summary>
/// Registrations that expire unless renewed: how partitions and indexes remember who to notify without
/// persisting it. Watchers renew well within the lease, so a lost registration (the grain was moved or
/// restarted) heals by itself at the next renewal.
/// </summary>
public sealed class Leases<TKey, TValue>(TimeSpan lease, TimeProvider time) where TKey : notnull
{
    private readonly Dictionary<TKey, (TValue Value, DateTimeOffset Expires)> _entries = [];

    public int Count => _entries.Count;

    public void Renew(TKey key, TValue value) => _entries[key] = (value, time.GetUtcNow() + lease);

    public bool Remove(TKey key) => _entries.Remove(key);

    /// <summary>The live entries; expired ones are dropped on the way.</summary>
    public List<TValue> Live()
    {
        var now = time.GetUtcNow();
        var live = new List<TValue>(_entries.Count);
        List<TKey>? expired = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Expires > now) live.Add(entry.Value);
            else (expired ??= []).Add(key);
        }
        if (expired is not null) foreach (var key in expired) _entries.Remove(key);
        return live;
    }
}
