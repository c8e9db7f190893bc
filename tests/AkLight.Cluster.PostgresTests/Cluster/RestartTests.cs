namespace AkLight.Cluster.PostgresTests.Cluster;

/// <summary>Everything restarts (both silos, then PostgreSQL): every message is still there and appends continue.</summary>
public sealed class RestartTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Topic = "metrics/restart/cpu";

    [Fact]
    public async Task Messages_survive_restarting_both_silos_and_postgres()
    {
        await using var cluster = await StartClusterAsync("restart");
        var (silo1, silo2) = (cluster.Silos[0], cluster.Silos[1]);

        var sent = new List<DeliveryResult>();
        await using (var connection = await cluster.ConnectAsync())
        {
            await connection.Grains.GetGrain<ITopicGrain>(Topic).CreateAsync(new TopicSettings(4, TimeSpan.FromHours(1)));
            await using var producer = new Producer(connection.Grains);
            sent.AddRange(await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => producer.ProduceAsync(Topic, $"k{i % 25}", $"m{i}"))));
        }

        // Both silos go: one stops cleanly, one is killed. Then the database restarts.
        await silo1.StopAsync(TimeSpan.FromSeconds(30));
        silo2.Kill();
        await Postgres.StopAsync();
        await Postgres.StartAsync();

        // The same endpoints again; the new silo2 incarnation supersedes the killed one's row.
        var again1 = await cluster.StartSiloAsync("silo1-again", silo1.SiloPort, silo1.GatewayPort, silo1.DashboardPort);
        var again2 = await cluster.StartSiloAsync("silo2-again", silo2.SiloPort, silo2.GatewayPort, silo2.DashboardPort);
        await cluster.WaitForActiveMembersAsync([again1, again2]);

        await using var reconnected = await cluster.ConnectAsync();
        var stored = await ClusterProbe.ReadAllAsync(reconnected.Grains, Topic, 4);
        Assert.Equal(2000, stored.Count);
        var byPosition = stored.ToDictionary(m => (m.Partition, m.Offset));
        foreach (var d in sent) Assert.True(byPosition.ContainsKey((d.Partition, d.Offset)), $"{Topic}[{d.Partition}]@{d.Offset} lost");
        for (var p = 0; p < 4; p++)
        {
            var bounds = await reconnected.Grains.GetPartitionGrain(new TopicPartition(Topic, p)).GetBoundsAsync();
            Assert.Equal(sent.Count(d => d.Partition == p), bounds.EndOffset);
        }

        // Appends continue at the stored log ends.
        await using var after = new Producer(reconnected.Grains);
        var next = await after.ProduceAsync(Topic, "k0", "after the restart");
        Assert.Equal(sent.Where(d => d.Partition == next.Partition).Max(d => d.Offset) + 1, next.Offset);
        Output.WriteLine($"{stored.Count} messages read back after the restart; next append at {Topic}[{next.Partition}]@{next.Offset}");
    }
}
