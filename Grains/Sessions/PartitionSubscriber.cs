namespace AkLight.Grains.Sessions;

/// <summary>
/// Subscribes a session to partitions and keeps it subscribed: adds a topic's partitions at their start
/// positions, watching each, and renews the watches well inside their lease, which also catches up on anything
/// a lost notification missed.
/// </summary>
internal sealed class PartitionSubscriber(IGrainFactory grains, SubscriptionSet subscriptions, IPartitionWatcher watcher)
{
    private const int RenewalSlice = 500; // watch renewals in flight at once

    public async Task AddTopicAsync(string topic, StartPosition start, IReadOnlyDictionary<TopicPartition, long> committed)
    {
        if (subscriptions.HasTopic(topic)) return;
        subscriptions.AddTopic(topic);
        try
        {
            await AddPartitionsAsync(topic, start, committed);
        }
        catch (UnknownTopicException)
        {
            // Deleted between the topic's answer and its partitions': as if the index had not named it. A session
            // over many topics does not fail for one; the next renewal finds the topic if it is created again.
            subscriptions.RemoveTopic(topic);
        }
        catch
        {
            // Not subscribed after all: forget the topic, so the next renewal (or notification) tries again.
            subscriptions.RemoveTopic(topic);
            throw;
        }
    }

    private async Task AddPartitionsAsync(string topic, StartPosition start, IReadOnlyDictionary<TopicPartition, long> committed)
    {
        var info = await grains.GetGrain<ITopicGrain>(topic).GetAsync();
        if (info is null)
        {
            // Deleted since the index named it: forget it, so a topic created later under the name is picked up.
            subscriptions.RemoveTopic(topic);
            return;
        }
        await Task.WhenAll(Enumerable.Range(0, info.Partitions).Select(async number =>
        {
            var partition = new TopicPartition(topic, number);
            var grain = grains.GetPartitionGrain(partition);
            var bounds = await grain.WatchAsync(watcher);
            long? kept = committed.TryGetValue(partition, out var c) ? c : null;
            var position = kept ?? await StartOffsetAsync(partition, grain, bounds, start);
            subscriptions.Add(partition, new PartitionCursor(position, bounds.EndOffset, kept));
        }));
    }

    private static async Task<long> StartOffsetAsync(TopicPartition partition, IPartitionGrain grain, LogBounds bounds, StartPosition start)
    {
        var explicitOffset = start.Offsets?.FirstOrDefault(o => o.TopicPartition == partition);
        if (explicitOffset is { } given && start.Offsets!.Any(o => o.TopicPartition == partition))
            return Math.Clamp(given.Offset, bounds.StartOffset, bounds.EndOffset);
        return start.From switch
        {
            StartFrom.Earliest => bounds.StartOffset,
            StartFrom.Time => await grain.GetOffsetForTimeAsync(start.Time ?? DateTimeOffset.MinValue),
            _ => bounds.EndOffset,
        };
    }

    /// <summary>Renews every watch; <paramref name="onReady"/> is called when partitions turn out to have unread data.</summary>
    public async Task RenewWatchesAsync(Action onReady)
    {
        // In slices: a session over 100,000 partitions sending every renewal at once queued its own fetches
        // (and everyone else's calls) behind 100,000 messages for seconds.
        foreach (var slice in subscriptions.Cursors.Keys.ToArray().Chunk(RenewalSlice))
        {
            var ends = await Task.WhenAll(slice.Select(p => WatchOrNullAsync(p)));
            for (var i = 0; i < slice.Length; i++)
            {
                if (ends[i] is { } bounds) subscriptions.OnEnd(slice[i], bounds.EndOffset);
                else subscriptions.RemoveTopic(slice[i].Topic);
            }
            if (subscriptions.HasReady) onReady();
        }
    }

    /// <summary>The partition's bounds, or null when its topic was deleted.</summary>
    private async Task<LogBounds?> WatchOrNullAsync(TopicPartition partition)
    {
        try
        {
            return await grains.GetPartitionGrain(partition).WatchAsync(watcher);
        }
        catch (UnknownTopicException)
        {
            return null;
        }
    }
}
