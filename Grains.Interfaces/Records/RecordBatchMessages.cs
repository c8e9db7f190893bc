namespace AkLight.Records;

/// <summary>Messages as consumers get them, made from batches when a door asks: the one place records become objects.</summary>
public static class RecordBatchMessages
{
    /// <summary>
    /// The records of <paramref name="batches"/> (consecutive, in offset order) from <paramref name="fromOffset"/> and
    /// before <paramref name="endOffset"/>, at most <paramref name="maxCount"/> and about <paramref name="maxBytes"/>
    /// (<see cref="BatchRecord.Size"/>; the first is always taken, so a record larger than the budget is read alone).
    /// </summary>
    public static List<ConsumedMessage> Read(IEnumerable<RecordBatch> batches, TopicPartition partition, long fromOffset, long endOffset, int maxCount, int maxBytes)
    {
        var messages = new List<ConsumedMessage>();
        var bytes = 0L;
        foreach (var batch in batches)
        {
            if (batch.NextOffset <= fromOffset) continue;
            foreach (var record in batch)
            {
                if (record.Offset < fromOffset) continue;
                if (record.Offset >= endOffset || messages.Count >= maxCount) return messages;
                var size = record.Size;
                if (messages.Count > 0 && bytes + size > maxBytes) return messages;
                messages.Add(record.ToMessage(partition));
                bytes += size;
            }
        }
        return messages;
    }
}
