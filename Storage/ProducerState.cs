namespace AkLight.Storage;

/// <summary>
/// A producer's last batch in one partition, stored with the log in the batch's own transaction, so a retry that
/// reaches a new activation of the partition (after the silo that wrote the batch died before answering) is
/// answered with the first attempt's offsets instead of being stored twice.
/// </summary>
/// <param name="ProducerId">The producer (<see cref="ProduceBatch.ProducerId"/>).</param>
/// <param name="Sequence">Its batch number for the partition.</param>
/// <param name="BaseOffset">The offset of the batch's first record.</param>
public sealed record class ProducerState(Guid ProducerId, long Sequence, long BaseOffset);
