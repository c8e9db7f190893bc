using AkLight.Records;
using AkLight.Storage;

namespace AkLight.Cluster.PostgresTests.Fencing;

/// <summary>A partition's whole stored log, read back to check it did not fork.</summary>
internal sealed record StoredPartitionLog(LogBounds Bounds, IReadOnlyList<RecordBatch> Batches)
{
    public static async Task<StoredPartitionLog> ReadAsync(IMessageLog log, long topicId, int partition)
    {
        var bounds = (await log.LoadPartitionAsync(topicId, partition, 0)).Bounds;
        var batches = new List<RecordBatch>();
        for (var from = bounds.StartOffset; from < bounds.EndOffset;)
        {
            var read = await log.ReadAsync(topicId, partition, from, 1_000, 16 << 20);
            batches.AddRange(read.Where(b => b.BaseOffset >= from));
            from = read[^1].NextOffset;
        }
        return new StoredPartitionLog(bounds, batches);
    }

    /// <summary>Every offset's message payload, as text.</summary>
    public IReadOnlyDictionary<long, string> Payloads(TopicPartition partition) =>
        RecordBatchMessages.Read(Batches, partition, 0, long.MaxValue, int.MaxValue, int.MaxValue)
            .ToDictionary(m => m.Offset, m => Encoding.UTF8.GetString(m.Payload!));

    /// <summary>No two batches over the same offsets and no gap: each batch starts where the one before ends, from 0 to the log end.</summary>
    public void AssertUnforked()
    {
        var expected = Bounds.StartOffset;
        foreach (var batch in Batches)
        {
            Assert.True(batch.BaseOffset == expected, $"a stored batch starts at {batch.BaseOffset}, but the one before ends at {expected}: the log forked or has a gap");
            expected = batch.NextOffset;
        }
        Assert.Equal(Bounds.EndOffset, expected);
    }
}
