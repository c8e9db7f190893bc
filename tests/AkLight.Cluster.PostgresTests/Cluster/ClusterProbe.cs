namespace AkLight.Cluster.PostgresTests.Cluster;

/// <summary>What the cluster says about itself, through Orleans' management grain.</summary>
public static class ClusterProbe
{
    /// <summary>Silo address → partitions of <paramref name="topic"/> activated there.</summary>
    public static async Task<IReadOnlyDictionary<SiloAddress, int[]>> PartitionsBySiloAsync(IGrainFactory grains, string topic)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics(types: null, hostsIds: null);
        return statistics
            .Where(s => s.GrainType.Contains("PartitionGrain", StringComparison.Ordinal)
                        && s.GrainId.TryGetIntegerKey(out _, out var ext) && ext == topic)
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => g.Select(s => (int)s.GrainId.GetIntegerKey(out _)).Order().ToArray());
    }

    /// <summary>Active silos as the cluster's management grain sees them.</summary>
    public static async Task<int> ActiveSiloCountAsync(IGrainFactory grains) =>
        (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;

    /// <summary>Every message of every partition, read straight from the partition grains from offset 0.</summary>
    public static async Task<IReadOnlyList<ConsumedMessage>> ReadAllAsync(IGrainFactory grains, string topic, int partitions)
    {
        var all = new List<ConsumedMessage>();
        for (var p = 0; p < partitions; p++)
        {
            var grain = grains.GetPartitionGrain(new TopicPartition(topic, p));
            var offset = 0L;
            var end = (await grain.GetBoundsAsync()).EndOffset;
            for (var round = 0; offset < end; round++)
            {
                if (round > 10_000) throw new InvalidOperationException($"{topic}[{p}] did not reach its end offset {end}");
                var result = await grain.ReadAsync(offset, 5000, 8 << 20);
                if (result.Messages.Count == 0) throw new InvalidOperationException($"{topic}[{p}] returned nothing at offset {offset} below its end {end}");
                all.AddRange(result.Messages);
                offset = result.Messages[^1].Offset + 1;
            }
        }
        return all;
    }
}
