using AkLight.Grains.Placement;

namespace AkLight.Cluster.PostgresTests.Placement;

/// <summary>The placement rule on its own: even, stable, and not every topic's partition 0 on one silo.</summary>
public sealed class PartitionPlacementDirectorTests
{
    [Theory]
    [InlineData(2, 4)]
    [InlineData(2, 8)]
    [InlineData(3, 6)]
    [InlineData(4, 4)]
    public void A_topic_with_a_multiple_of_the_silo_count_of_partitions_spreads_evenly(int silos, int partitions)
    {
        foreach (var topic in new[] { "metrics/host-1/cpu", "metrics/host-2/mem", "alerts/disk", "x" })
        {
            var perSilo = Enumerable.Range(0, partitions)
                .GroupBy(p => PartitionPlacementDirector.SiloIndex(topic, p, silos))
                .ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(silos, perSilo.Count);
            Assert.All(perSilo.Values, count => Assert.Equal(partitions / silos, count));
        }
    }

    [Fact]
    public void The_rule_is_a_stable_hash_of_the_topic_name_plus_the_partition()
    {
        // Murmur2 of the UTF-8 name, as unsigned; fixed values so a change of hash shows up here.
        var hash = (uint)Murmur2.Hash("metrics/host-1/cpu"u8);
        Assert.Equal((int)((hash + 3UL) % 5), PartitionPlacementDirector.SiloIndex("metrics/host-1/cpu", 3, 5));
        Assert.Equal(PartitionPlacementDirector.SiloIndex("metrics/host-1/cpu", 3, 5), PartitionPlacementDirector.SiloIndex("metrics/host-1/cpu", 3, 5));
    }

    [Fact]
    public void Partition_0_of_many_topics_is_not_all_on_one_silo()
    {
        var silos = Enumerable.Range(0, 50).Select(i => PartitionPlacementDirector.SiloIndex($"metrics/host-{i}/cpu", 0, 2)).Distinct();
        Assert.Equal(2, silos.Count());
    }
}
