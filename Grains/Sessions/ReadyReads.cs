namespace AkLight.Grains.Sessions;

/// <summary>
/// One fetch's reads: the partitions of a session known to have unread data, served from the messages they
/// pushed when those continue from the session's position, the others read in parallel (the read budget
/// shared between them); positions move in <see cref="SubscriptionSet"/>, which puts back what is still unread.
/// </summary>
internal sealed class ReadyReads(IGrainFactory grains, SubscriptionSet subscriptions, int maxReadBytes)
{
    public async Task<IReadOnlyList<ConsumedMessage>> ReadAsync(int maxMessages)
    {
        var ready = subscriptions.TakeReady(maxMessages);
        var delivered = new List<ConsumedMessage>();
        var toRead = new List<(TopicPartition Partition, PartitionCursor Cursor, int Allotment)>();
        foreach (var (partition, allotment) in ready)
        {
            subscriptions.TryGet(partition, out var cursor);
            // Messages the partition pushed with its notification need no read call.
            if (subscriptions.TakePushed(partition, cursor, allotment, delivered) == 0) toRead.Add((partition, cursor, allotment));
        }
        if (toRead.Count == 0) return delivered;

        var reads = toRead.Select(async entry =>
        {
            var (partition, cursor, allotment) = entry;
            try
            {
                cursor.Grain ??= grains.GetPartitionGrain(partition);
                var result = await cursor.Grain.ReadAsync(cursor.Position, allotment, Math.Max(1, maxReadBytes / toRead.Count));
                return (partition, cursor, (PartitionReadResult?)result);
            }
            catch (OffsetOutOfRangeException outOfRange)
            {
                // Retention deleted what this session had not read yet: an empty read at the bounds moves it to
                // the earliest message kept.
                return (partition, cursor, new PartitionReadResult([], outOfRange.Bounds));
            }
            catch (UnknownTopicException)
            {
                // The topic was deleted: its partitions are dropped below, and the fetch goes on with the others.
                return (partition, cursor, null);
            }
            catch
            {
                subscriptions.Moved(partition, cursor); // still ready: the next fetch tries again
                throw;
            }
        }).ToArray();
        var results = await Task.WhenAll(reads);

        foreach (var (partition, cursor, read) in results)
        {
            if (read is not { } result)
            {
                subscriptions.RemoveTopic(partition.Topic);
                continue;
            }
            subscriptions.Delivered(partition, cursor, result, maxMessages - delivered.Count, delivered);
        }
        return delivered;
    }
}
