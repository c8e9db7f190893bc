namespace AkLight.Storage;

/// <summary>
/// Committed offsets of consumer sessions and groups, one row per owner, topic and partition: a commit writes the
/// partitions it moved, not every partition its owner reads (a session over thousands of topics would otherwise
/// rewrite thousands of offsets per commit). An owner is the identity of the grain that commits, such as
/// <c>session/{id}</c> or <c>group/{name}</c>; owners never see each other's rows.
/// </summary>
public interface IOffsetCommitStore
{
    /// <summary>Every committed offset of <paramref name="owner"/>, in no particular order.</summary>
    Task<IReadOnlyList<TopicPartitionOffset>> LoadAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="commits"/> (each inserted, or replacing the partition's stored offset) and deletes the
    /// commits of <paramref name="removed"/>, in one transaction; partitions named in neither keep what they have. A
    /// partition appears at most once across both. Returns how many rows were written or deleted.
    /// </summary>
    Task<int> SaveAsync(string owner, IReadOnlyCollection<TopicPartitionOffset> commits, IReadOnlyCollection<TopicPartition> removed,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes every commit of <paramref name="owner"/> (a session closed for good).</summary>
    Task DeleteAsync(string owner, CancellationToken cancellationToken = default);
}
