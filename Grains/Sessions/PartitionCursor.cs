namespace AkLight.Grains.Sessions;

/// <summary>A session's place in one partition.</summary>
internal sealed class PartitionCursor(long position, long knownEnd, long? committed)
{
    /// <summary>The next offset to fetch.</summary>
    public long Position { get; set; } = position;

    /// <summary>The highest log end offset heard of, from reads and notifications.</summary>
    public long KnownEnd { get; set; } = knownEnd;

    public long? Committed { get; set; } = committed;

    /// <summary>True when the partition has messages this session has not fetched.</summary>
    public bool HasData => KnownEnd > Position;
}
