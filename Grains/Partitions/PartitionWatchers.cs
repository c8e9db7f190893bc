using AkLight.Grains.Common;

namespace AkLight.Grains.Partitions;

/// <summary>
/// The sessions watching one partition, each on a lease it renews, and what they are told: where the log ends
/// after each write, with the written messages when they are small enough to push, and that the partition is gone.
/// </summary>
internal sealed class PartitionWatchers(TopicPartition partition, TimeSpan lease, TimeProvider time)
{
    // Pushed with a notification at most; a larger round is only announced, and read by whoever wants it.
    private const int MaxPushedMessages = 2_000;
    private const int MaxPushedBytes = 512 * 1024;

    private readonly Leases<GrainId, IPartitionWatcher> _leases = new(lease, time);

    public void Renew(IPartitionWatcher watcher) => _leases.Renew(watcher.GetGrainId(), watcher);

    public void Remove(IPartitionWatcher watcher) => _leases.Remove(watcher.GetGrainId());

    /// <summary>
    /// Tells watchers where the log ends now, with the round's messages when they are small enough to push:
    /// a caught-up session then delivers them without reading them back (one grain call less per append). The
    /// messages are made only when someone watches.
    /// </summary>
    public void Appended(long end, List<PendingAppend> round)
    {
        var live = _leases.Live().ToList();
        if (live.Count == 0) return;
        IReadOnlyList<ConsumedMessage> appended = [];
        if (round.Sum(p => p.Count) <= MaxPushedMessages && round.Sum(p => (long)p.Encoded.SizeInBytes) <= MaxPushedBytes)
            appended = round.SelectMany(p => p.Messages(partition)).ToArray();
        foreach (var watcher in live) _ = watcher.OnPartitionDataAsync(partition, end, appended);
    }

    /// <summary>Tells every watcher the partition's topic was deleted.</summary>
    public void Deleted()
    {
        foreach (var watcher in _leases.Live()) _ = watcher.OnPartitionDeletedAsync(partition);
    }
}
