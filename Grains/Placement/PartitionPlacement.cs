namespace AkLight.Grains.Placement;

/// <summary>
/// Spreads a topic's partitions evenly over the silos: partition <c>p</c> of topic <c>t</c> goes to silo
/// <c>(murmur2(t) + p) mod n</c> of the <c>n</c> compatible silos sorted by address. With 2 silos and a
/// 4-partition topic each silo hosts 2 partitions; the topic hash keeps every topic's partition 0 from
/// landing on the same silo. See <see cref="PartitionPlacementDirector"/>.
/// </summary>
[Serializable, GenerateSerializer, Immutable, Alias("AkLight.PartitionPlacement")]
public sealed class PartitionPlacement : PlacementStrategy
{
    internal static PartitionPlacement Instance { get; } = new();
}
