namespace AkLight.Grains.Sessions;

/// <summary>
/// What a persistent session keeps in grain state: whether it is open, its filters and its owner. Its committed
/// offsets are rows of their own (<see cref="IOffsetCommitStore"/>). Non-persistent sessions never write it.
/// </summary>
[GenerateSerializer, Alias("AkLight.SessionState")]
public sealed class SessionState
{
    [Id(0)] public bool Open { get; set; }

    [Id(1)] public List<string> Filters { get; set; } = [];

    /// <summary>
    /// Obsolete, kept for reading only: versions before <see cref="IOffsetCommitStore"/> kept every committed offset
    /// here and rewrote them all on each commit. A blob that still holds some has them moved into the store when
    /// the session activates (<see cref="Commits.LegacyCommits"/>), and is written back with this list empty; nothing
    /// else reads or writes it. Its id and name stay, so blobs of those versions (binary or JSON) still read.
    /// </summary>
    [Id(2)] public List<TopicPartitionOffset> Committed { get; set; } = [];

    /// <summary>The principal that opened the session; only it (or a superuser) may use it.</summary>
    [Id(3)] public string? Owner { get; set; }
}
