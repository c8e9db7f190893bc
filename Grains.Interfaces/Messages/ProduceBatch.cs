namespace AkLight;

/// <summary>
/// Records bound for one partition, sent in one grain call. Immutable, so Orleans passes it
/// without a deep copy inside a silo.
/// </summary>
/// <param name="Records">The records, in order.</param>
/// <param name="ProducerId">
/// The sending producer, for idempotence: a partition that is sent the same producer and
/// <paramref name="Sequence"/> again (a retry after a lost answer) stores the batch once and gives both
/// attempts the same offsets. <see cref="Guid.Empty"/> turns this off.
/// </param>
/// <param name="Sequence">The producer's batch number for this partition, one more for every new batch.</param>
[GenerateSerializer, Immutable, Alias("AkLight.ProduceBatch")]
public sealed record class ProduceBatch(
    [property: Id(0)] ProduceRecord[] Records,
    [property: Id(1)] Guid ProducerId = default,
    [property: Id(2)] long Sequence = 0);
