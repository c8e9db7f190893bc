using System.Text;
using Orleans.Runtime.Placement;

namespace AkLight.Grains.Placement;

/// <summary>
/// Picks the silo for a <see cref="PartitionPlacement"/> grain. Deterministic: any silo placing the same
/// partition with the same view of the cluster picks the same silo, so two gateways racing to activate a
/// partition agree. When a silo leaves, its partitions move to the survivors by the same rule; activations
/// already running elsewhere stay where they are (nothing is moved back when a silo returns).
/// </summary>
public sealed class PartitionPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 0)
            throw new OrleansException($"no active silo can host {target.GrainIdentity}");
        var ordered = silos.ToArray();
        Array.Sort(ordered, CompareSilos);
        return Task.FromResult(ordered[SiloIndex(target.GrainIdentity, ordered.Length)]);
    }

    /// <summary>The index, among <paramref name="siloCount"/> sorted silos, of the silo for <paramref name="grain"/>.</summary>
    public static int SiloIndex(GrainId grain, int siloCount)
    {
        if (grain.TryGetIntegerKey(out var partition, out var topic) && topic is not null) return SiloIndex(topic, partition, siloCount);
        // Not a (partition, topic) key: still stable, spread by the whole key.
        return (int)((uint)Murmur2.Hash(grain.Key.AsSpan()) % (uint)siloCount);
    }

    /// <summary>(murmur2(UTF-8 topic) + partition) mod <paramref name="siloCount"/>; stable across processes and restarts.</summary>
    public static int SiloIndex(string topic, long partition, int siloCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(siloCount);
        var hash = (ulong)(uint)Murmur2.Hash(Encoding.UTF8.GetBytes(topic));
        return (int)((hash + (ulong)partition) % (ulong)siloCount);
    }

    /// <summary>By IP address bytes, then port, then generation: the same order on every silo.</summary>
    private static int CompareSilos(SiloAddress a, SiloAddress b)
    {
        var address = a.Endpoint.Address.GetAddressBytes().AsSpan().SequenceCompareTo(b.Endpoint.Address.GetAddressBytes());
        if (address != 0) return address;
        var port = a.Endpoint.Port.CompareTo(b.Endpoint.Port);
        return port != 0 ? port : a.Generation.CompareTo(b.Generation);
    }
}
