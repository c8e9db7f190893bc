namespace AkLight.Grains.Placement;

/// <summary>Registers the broker's placement strategies.</summary>
public static class PlacementSiloBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="PartitionPlacementDirector"/> for <see cref="PartitionPlacement"/>. Needed on every silo
    /// hosting a grain marked <see cref="PartitionPlacementAttribute"/>; without it activating such a grain fails
    /// with "Could not resolve placement strategy PartitionPlacement".
    /// </summary>
    public static ISiloBuilder AddPartitionPlacement(this ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<PartitionPlacement, PartitionPlacementDirector>();
        return silo;
    }
}
