namespace AkLight.Grains.Groups;

/// <summary>
/// What a group keeps in grain state: its owner. Its committed offsets are rows of their own
/// (<see cref="IOffsetCommitStore"/>); members are live only.
/// </summary>
[GenerateSerializer, Alias("AkLight.GroupState")]
public sealed class GroupState
{
    /// <summary>
    /// Obsolete, kept for reading only: versions before <see cref="IOffsetCommitStore"/> kept every committed offset
    /// here and rewrote them all on each commit. A blob that still holds some has them moved into the store when
    /// the group activates (<see cref="Commits.LegacyCommits"/>), and is written back with this list empty; nothing
    /// else reads or writes it. Its id and name stay, so blobs of those versions (binary or JSON) still read.
    /// </summary>
    [Id(0)] public List<TopicPartitionOffset> Committed { get; set; } = [];

    /// <summary>The principal whose member first joined; only it (or a superuser) may use the group.</summary>
    [Id(1)] public string? Owner { get; set; }
}
