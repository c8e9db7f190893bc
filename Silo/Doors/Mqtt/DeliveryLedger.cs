namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// What a subscriber was sent and has acknowledged, per partition, so its session commits only what the client
/// acknowledged: a partition's commit is its oldest unacknowledged offset, or the offset after the last one sent
/// when everything sent is acknowledged (QoS 0 needs no acknowledgement).
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TopicPartition, SortedSet<long>> _unacknowledged = [];
    private readonly Dictionary<TopicPartition, long> _next = [];
    private readonly HashSet<TopicPartition> _changed = [];

    /// <summary>Records that <paramref name="offset"/> was sent; with <paramref name="awaitsAck"/> it counts once acknowledged.</summary>
    public void Sent(TopicPartition partition, long offset, bool awaitsAck)
    {
        lock (_gate)
        {
            if (awaitsAck)
            {
                if (!_unacknowledged.TryGetValue(partition, out var offsets)) _unacknowledged[partition] = offsets = [];
                offsets.Add(offset);
            }
            _next[partition] = Math.Max(_next.GetValueOrDefault(partition), offset + 1);
            _changed.Add(partition);
        }
    }

    /// <summary>Records the client's acknowledgement of <paramref name="offset"/>.</summary>
    public void Acknowledged(TopicPartition partition, long offset)
    {
        lock (_gate)
        {
            if (_unacknowledged.TryGetValue(partition, out var offsets) && offsets.Remove(offset)) _changed.Add(partition);
        }
    }

    /// <summary>The commits that moved since the last call (each the next offset to read).</summary>
    public IReadOnlyList<TopicPartitionOffset> TakeCommits()
    {
        lock (_gate)
        {
            var commits = _changed.Select(p => new TopicPartitionOffset(p.Topic, p.Partition,
                _unacknowledged.TryGetValue(p, out var offsets) && offsets.Count > 0 ? offsets.Min : _next[p])).ToArray();
            _changed.Clear();
            return commits;
        }
    }

    /// <summary>Forgets everything: the session is read again from its commits.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _unacknowledged.Clear();
            _next.Clear();
            _changed.Clear();
        }
    }
}
