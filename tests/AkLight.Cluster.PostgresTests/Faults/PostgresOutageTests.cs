namespace AkLight.Cluster.PostgresTests.Faults;

/// <summary>
/// PostgreSQL stops for 30 s under keyed load and starts again: producers retry through the outage, nothing
/// acknowledged is lost or stored twice, and the same silos serve again without a restart.
/// </summary>
public sealed class PostgresOutageTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Topic = "faults/outage";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_30_s_database_outage_under_load_loses_nothing_and_the_silos_serve_again()
    {
        await using var cluster = await StartClusterAsync("outage");
        var silos = cluster.Silos.ToArray();
        await using var admin = await cluster.ConnectAsync();
        await admin.Grains.GetGrain<ITopicGrain>(Topic).CreateAsync(new TopicSettings(4, TimeSpan.FromHours(1)));

        await using var connection = await BrokerConnection.ConnectAsync(silos.Select(s => s.Gateway).ToArray(), TimeSpan.FromSeconds(30));
        var load = new KeyedLoad(Topic, keysPerProducer: 10, rounds: 100_000, TimeSpan.FromMilliseconds(50), roundsInFlight: 4);
        using var stop = new CancellationTokenSource();
        var producers = Enumerable.Range(0, 2)
            .Select(_ => new Producer(connection.Grains, new ProducerOptions { DeliveryTimeout = TimeSpan.FromSeconds(120) })).ToArray();
        var running = producers.Select((p, i) => load.RunAsync(p, i, stop.Token)).ToArray();
        try
        {
            await Wait.UntilAsync(() => load.Acknowledged >= 500, TimeSpan.FromSeconds(60), "500 acknowledgements before the outage");
            await Postgres.StopAsync();
            var stoppedAt = load.Now;
            await Task.Delay(Outage);
            var ackedDuringOutage = load.Acknowledged;
            await Postgres.StartAsync();
            var back = Stopwatch.StartNew();
            await Wait.UntilAsync(() => load.Acknowledged > ackedDuringOutage + 100, TimeSpan.FromSeconds(120),
                "acknowledgements again once PostgreSQL is back", () => cluster.Logs());
            Output.WriteLine($"PostgreSQL stopped at {stoppedAt.TotalSeconds:0.0} s for {Outage.TotalSeconds:0} s; " +
                $"acknowledgements resumed {back.Elapsed.TotalSeconds:0.0} s after it started again");

            await stop.CancelAsync();
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(180));
            await Task.WhenAll(producers.Select(p => p.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(60));
            foreach (var failure in load.Failures.Take(5)) Output.WriteLine($"  failed: {failure}");
            Assert.Empty(load.Failures);
            Assert.All(silos, s => Assert.False(s.HasExited, $"{s.Name} exited"));
            await cluster.WaitForActiveMembersAsync(silos, TimeSpan.FromSeconds(60));

            var stored = await ClusterProbe.ReadAllAsync(connection.Grains, Topic, 4);
            var byPosition = stored.ToDictionary(m => (m.Partition, m.Offset));
            foreach (var ack in load.Acknowledgements)
            {
                Assert.True(byPosition.TryGetValue((ack.Partition, ack.Offset), out var message), $"{ack.Key}:{ack.Seq} lost");
                Assert.Equal((ack.Key, ack.Seq), KeyedLoad.Parse(message));
            }
            Assert.Equal(load.Acknowledged, stored.Count);
            Output.WriteLine($"{stored.Count} messages stored once each, both silos Active throughout");
        }
        catch
        {
            if (!Postgres.IsRunning) await Postgres.StartAsync();
            Output.WriteLine(cluster.Logs(60));
            throw;
        }
        finally
        {
            await stop.CancelAsync();
        }
    }
}
