using AkLight.Records;

namespace AkLight;

/// <summary>
/// Records bound for one partition, sent in one grain call as one record batch (<see cref="RecordBatch"/>): encoded
/// once at the door (or by the .NET client), and stored as they are after the partition has stamped the offsets.
/// Immutable, so Orleans passes it without a copy inside a silo.
/// </summary>
/// <param name="Batch">The records, in order, as a batch whose offsets and time the partition gives.</param>
/// <param name="ProducerId">
/// The sending producer, for idempotence: a partition that is sent the same producer and
/// <paramref name="Sequence"/> again (a retry after a lost answer) stores the batch once and gives both
/// attempts the same offsets. <see cref="Guid.Empty"/> turns this off.
/// </param>
/// <param name="Sequence">The producer's batch number for this partition, one more for every new batch.</param>
[GenerateSerializer, Immutable, Alias("AkLight.ProduceBatch")]
public sealed record class ProduceBatch(
    [property: Id(3)] RecordBatch Batch,
    [property: Id(1)] Guid ProducerId = default,
    [property: Id(2)] long Sequence = 0)
{
    /// <summary>A batch of <paramref name="records"/>, encoded here.</summary>
    public ProduceBatch(IReadOnlyList<ProduceRecord> records, Guid producerId = default, long sequence = 0)
        : this(Encode(records), producerId, sequence)
    {
    }

    /// <summary>Records in the batch.</summary>
    public int Count => Batch.RecordCount;

    private static RecordBatch Encode(IReadOnlyList<ProduceRecord> records) =>
        records.Count > 0 ? RecordBatchWriter.Write(records) : throw new ArgumentException("a produce batch needs at least one record", nameof(records));
}
