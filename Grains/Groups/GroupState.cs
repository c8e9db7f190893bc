namespace AkLight.Grains.Groups;

/// <summary>What a group keeps durably: its committed offsets. Members are live only.</summary>
[GenerateSerializer, Alias("AkLight.GroupState")]
public sealed class GroupState
{
    [Id(0)] public List<TopicPartitionOffset> Committed { get; set; } = [];
}
