using System.Collections.Concurrent;
using AkLight.Grains.Kafka;

namespace AkLight.Silo.Doors.Kafka;

/// <summary>
/// Wakes the door's long-poll fetches when data arrives: this silo's <see cref="IKafkaFetchWatcherGrain"/> watches
/// the partitions fetches wait on (a watch renewed when a third of its lease has passed, as sessions renew theirs)
/// and pulses <see cref="PartitionDataSignals"/>.
/// </summary>
public sealed class KafkaFetchWatch(IGrainFactory grains, ILocalSiloDetails silo, PartitionDataSignals signals, IOptions<BrokerOptions> broker,
    TimeProvider time, ILogger<KafkaFetchWatch> logger)
{
    private readonly ConcurrentDictionary<TopicPartition, DateTimeOffset> _watched = new();
    private IKafkaFetchWatcherGrain? _watcher;

    /// <summary>A wait on <paramref name="partitions"/>, armed before the caller reads them again, with their watches in place.</summary>
    public async Task<PartitionWait> ArmAsync(IReadOnlyCollection<TopicPartition> partitions)
    {
        var wait = signals.Arm(partitions);
        try
        {
            var watcher = await WatcherAsync();
            var now = time.GetUtcNow();
            var renewAfter = broker.Value.WatchLease / 3;
            var due = partitions.Where(p => !_watched.TryGetValue(p, out var at) || now - at > renewAfter).ToArray();
            await Task.WhenAll(due.Select(async partition =>
            {
                await grains.GetPartitionGrain(partition).WatchAsync(watcher);
                _watched[partition] = now;
            }));
        }
        catch (Exception failure) when (failure is AkLightException or TimeoutException or OrleansException)
        {
            // The fetch still ends at its max wait (and looks again at the fallback interval): a lost watch only delays it.
            logger.LogDebug(failure, "Kafka fetch: watching partitions failed");
        }
        return wait;
    }

    private async Task<IKafkaFetchWatcherGrain> WatcherAsync()
    {
        if (_watcher is { } attached) return attached;
        var watcher = grains.GetGrain<IKafkaFetchWatcherGrain>(KafkaFetchWatcherGrain.KeyOf(silo));
        // Placed elsewhere (this silo was busy starting), it leaves and the next fetch places it again.
        if (await watcher.AttachAsync())
        {
            _watcher = watcher;
            _watched.Clear();
        }
        return watcher;
    }
}
