using AkLight.Grains.Telemetry;

namespace AkLight.Grains.Commits;

/// <summary>
/// One owner's committed offsets: what the store holds, with the changes not saved yet. A save writes only the
/// partitions whose commit changed since the last save (set to another offset, or removed), so its cost follows
/// what moved, not how many partitions the owner reads.
/// </summary>
internal sealed class CommittedOffsets(IOffsetCommitStore store, CommitOwner owner)
{
    private Dictionary<TopicPartition, long> _offsets = [];
    private readonly HashSet<TopicPartition> _unsaved = [];

    public CommitOwner Owner => owner;

    /// <summary>The committed offset of every partition that has one, saved or not.</summary>
    public IReadOnlyDictionary<TopicPartition, long> Offsets => _offsets;

    /// <summary>Partitions whose commit changed since the last save.</summary>
    public int UnsavedCount => _unsaved.Count;

    /// <summary>Takes what the store holds; anything not saved yet is dropped.</summary>
    public async Task LoadAsync()
    {
        var stored = await store.LoadAsync(owner.Key);
        _offsets = stored.ToDictionary(c => c.TopicPartition, c => c.Offset);
        _unsaved.Clear();
    }

    public void Set(TopicPartition partition, long offset)
    {
        if (_offsets.TryGetValue(partition, out var held) && held == offset) return;
        _offsets[partition] = offset;
        _unsaved.Add(partition);
    }

    public void Remove(TopicPartition partition)
    {
        if (_offsets.Remove(partition)) _unsaved.Add(partition);
    }

    /// <summary>Makes <paramref name="commits"/> the whole set: partitions not in it lose their commit at the next save.</summary>
    public void Replace(IEnumerable<TopicPartitionOffset> commits)
    {
        var next = commits.ToDictionary(c => c.TopicPartition, c => c.Offset);
        foreach (var partition in _offsets.Keys)
            if (!next.ContainsKey(partition)) _unsaved.Add(partition);
        foreach (var (partition, offset) in next)
            if (!_offsets.TryGetValue(partition, out var held) || held != offset) _unsaved.Add(partition);
        _offsets = next;
    }

    /// <summary>
    /// Writes the changed partitions in one store transaction. Changes made while it is in flight wait for the next
    /// save; a failed save keeps its changes for the next one, so nothing is lost to a passing store fault.
    /// </summary>
    public async Task SaveAsync()
    {
        if (_unsaved.Count == 0) return;
        var saving = _unsaved.ToArray();
        _unsaved.Clear();
        var commits = new List<TopicPartitionOffset>(saving.Length);
        var removed = new List<TopicPartition>();
        foreach (var partition in saving)
        {
            if (_offsets.TryGetValue(partition, out var offset)) commits.Add(new TopicPartitionOffset(partition.Topic, partition.Partition, offset));
            else removed.Add(partition);
        }
        try
        {
            var rows = await store.SaveAsync(owner.Key, commits, removed);
            BrokerMeters.OffsetCommitRows.Add(rows, BrokerMeters.CommitOwnerKind(owner.Kind));
        }
        catch
        {
            _unsaved.UnionWith(saving);
            throw;
        }
    }

    /// <summary>Deletes every commit of the owner, saved or not (closed for good).</summary>
    public async Task DeleteAsync()
    {
        await store.DeleteAsync(owner.Key);
        _offsets.Clear();
        _unsaved.Clear();
    }
}
