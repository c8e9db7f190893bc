namespace AkLight.Grains.Sessions;

/// <summary>What a persistent session keeps: its filters and committed offsets. Non-persistent sessions never write it.</summary>
[GenerateSerializer, Alias("AkLight.SessionState")]
public sealed class SessionState
{
    [Id(0)] public bool Open { get; set; }

    [Id(1)] public List<string> Filters { get; set; } = [];

    /// <summary>Per partition, the next offset to read after a restart. A list, not a dictionary keyed by a
    /// struct, so that any grain storage serializer (the ADO.NET default is JSON) can store it.</summary>
    [Id(2)] public List<TopicPartitionOffset> Committed { get; set; } = [];

    /// <summary>The principal that opened the session; only it (or a superuser) may use it.</summary>
    [Id(3)] public string? Owner { get; set; }

    public Dictionary<TopicPartition, long> CommittedByPartition() => Committed.ToDictionary(c => c.TopicPartition, c => c.Offset);
}
