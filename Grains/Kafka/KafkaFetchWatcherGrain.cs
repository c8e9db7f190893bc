using Orleans.Placement;

namespace AkLight.Grains.Kafka;

/// <summary>
/// Relays partitions' data notifications to this silo's <see cref="PartitionDataSignals"/>. Placed where the door
/// first calls it and kept alive there, so the signals it raises are the ones that silo's fetches wait on.
/// </summary>
[PreferLocalPlacement]
[KeepAlive]
public sealed class KafkaFetchWatcherGrain(PartitionDataSignals signals, ILocalSiloDetails silo) : Grain, IKafkaFetchWatcherGrain
{
    public Task<bool> AttachAsync() => Task.FromResult(IsHome());

    public Task OnPartitionDataAsync(TopicPartition partition, long endOffset, IReadOnlyList<ConsumedMessage> appended)
    {
        if (IsHome()) signals.Pulse(partition);
        return Task.CompletedTask;
    }

    public Task OnPartitionDeletedAsync(TopicPartition partition)
    {
        if (IsHome()) signals.Pulse(partition);
        return Task.CompletedTask;
    }

    /// <summary>True on the silo the key names; elsewhere (a notification for a silo that is gone activated it) it leaves.</summary>
    private bool IsHome()
    {
        if (this.GetPrimaryKeyString() == KeyOf(silo)) return true;
        DeactivateOnIdle();
        return false;
    }

    /// <summary>The key of <paramref name="silo"/>'s watcher.</summary>
    public static string KeyOf(ILocalSiloDetails silo) => silo.SiloAddress.ToParsableString();
}
