namespace AkLight.Grains.Groups;

/// <summary>What a group keeps durably: its committed offsets. Members are live only.</summary>
[GenerateSerializer, Alias("AkLight.GroupState")]
public sealed class GroupState
{
    [Id(0)] public List<TopicPartitionOffset> Committed { get; set; } = [];

    /// <summary>The principal whose member first joined; only it (or a superuser) may use the group.</summary>
    [Id(1)] public string? Owner { get; set; }
}
