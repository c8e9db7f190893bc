using Orleans.Placement;

namespace AkLight.Grains.Placement;

/// <summary>
/// Places a grain keyed by (partition number, topic name) with <see cref="PartitionPlacement"/>.
/// Every silo must register the director (<see cref="PlacementSiloBuilderExtensions.AddPartitionPlacement"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PartitionPlacementAttribute() : PlacementAttribute(PartitionPlacement.Instance);
