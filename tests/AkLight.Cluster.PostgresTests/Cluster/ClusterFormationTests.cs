using AkLight.Grains.Placement;

namespace AkLight.Cluster.PostgresTests.Cluster;

/// <summary>Two silo processes on one PostgreSQL form a cluster and split a topic's partitions between them.</summary>
public sealed class ClusterFormationTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    [Fact]
    public async Task Two_silos_form_a_cluster_and_host_two_of_four_partitions_each()
    {
        await using var cluster = await StartClusterAsync("formation");
        var (silo1, silo2) = (cluster.Silos[0], cluster.Silos[1]);

        var rows = await cluster.ReadMembershipAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(SiloCluster.ActiveStatus, r.Status));
        Assert.Equal(silo1.GatewayPort, Assert.Single(rows, r => r.Port == silo1.SiloPort).GatewayPort);
        Assert.Equal(silo2.GatewayPort, Assert.Single(rows, r => r.Port == silo2.SiloPort).GatewayPort);
        Assert.All(rows, r => Assert.Equal("127.0.0.1", r.Address));

        await using var connection = await cluster.ConnectAsync();
        await Wait.UntilAsync(async () => await ClusterProbe.ActiveSiloCountAsync(connection.Grains) == 2,
            TimeSpan.FromSeconds(30), "the cluster to see 2 active silos");

        const string topic = "metrics/formation/cpu";
        await connection.Grains.GetGrain<ITopicGrain>(topic).CreateAsync(new TopicSettings(4, TimeSpan.FromHours(1)));
        await using (var producer = new Producer(connection.Grains))
        {
            var deliveries = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => producer.ProduceAsync(topic, $"container-{i % 40}", $"sample {i}")));
            Assert.Equal(4, deliveries.Select(d => d.Partition).Distinct().Count());
        }

        var placement = await ClusterProbe.PartitionsBySiloAsync(connection.Grains, topic);
        foreach (var (silo, partitions) in placement) Output.WriteLine($"{silo}: partitions {string.Join(", ", partitions)}");
        Assert.Equal(2, placement.Count);
        Assert.All(placement.Values, partitions => Assert.Equal(2, partitions.Length));
        // Exactly where the director's rule puts them: (murmur2(topic) + partition) mod 2 over the silos sorted by address.
        var sorted = placement.Keys.OrderBy(s => s.Endpoint.Port).ToArray();
        foreach (var (silo, partitions) in placement)
            Assert.All(partitions, p => Assert.Equal(sorted[PartitionPlacementDirector.SiloIndex(topic, p, 2)], silo));

        // Every silo serves the dashboard.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var silo in cluster.Silos)
        {
            var response = await http.GetAsync($"http://127.0.0.1:{silo.DashboardPort}/dashboard/");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Orleans Dashboard", await response.Content.ReadAsStringAsync());
        }
    }
}
