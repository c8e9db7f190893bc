namespace AkLight.Cluster.PostgresTests.Cluster;

/// <summary>
/// Silos are killed (<c>kill -9</c>) again and again, in turn, while several idempotent producers keep batches in
/// flight: a batch that a dying silo stored but never acknowledged is retried on the survivor, which answers with
/// the first attempt's offsets. Nothing is stored twice, nothing acknowledged is lost, and per-key order holds.
/// </summary>
public sealed class KillLoopTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Topic = "metrics/kill-loop/cpu";
    private const int Partitions = 4;
    private const int Producers = 4;
    private const int KeysPerProducer = 10;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(20);

    /// <summary>Kills per run: a few in CI; set AKLIGHT_FAILOVER_KILLS (say 20) for a longer soak.</summary>
    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("AKLIGHT_FAILOVER_KILLS"), out var kills) && kills > 0 ? kills : 4;

    [Fact]
    public async Task Kill_9_in_a_loop_under_keyed_load_stores_every_message_once_in_per_key_order()
    {
        await using var cluster = await StartClusterAsync("killloop");
        var silos = cluster.Silos.ToArray();
        await using var admin = await cluster.ConnectAsync();
        await admin.Grains.GetGrain<ITopicGrain>(Topic).CreateAsync(new TopicSettings(Partitions, TimeSpan.FromHours(1)));

        var gateways = silos.Select(s => s.Gateway).ToArray();
        var connections = new List<BrokerConnection>();
        for (var i = 0; i < Producers; i++)
            connections.Add(await BrokerConnection.ConnectAsync(i % 2 == 0 ? gateways : gateways.Reverse().ToArray(), TimeSpan.FromSeconds(30)));
        var load = new KeyedLoad(Topic, KeysPerProducer, rounds: 100_000, Pace, roundsInFlight: 4);
        using var stop = new CancellationTokenSource();
        var producers = connections.Select(c => new Producer(c.Grains, new ProducerOptions { DeliveryTimeout = TimeSpan.FromSeconds(90) })).ToArray();
        var running = producers.Select((p, i) => load.RunAsync(p, i, stop.Token)).ToArray();
        try
        {
            for (var kill = 0; kill < Kills; kill++)
            {
                // Batches in flight at the kill: wait for fresh acknowledgements first.
                var before = load.Acknowledged;
                await Wait.UntilAsync(() => load.Acknowledged >= before + 200, TimeSpan.FromSeconds(60),
                    $"200 acknowledgements before kill {kill + 1}", () => cluster.Logs());
                var victim = kill % 2;
                var dead = silos[victim];
                dead.Kill();
                silos[victim] = await cluster.StartSiloAsync($"silo{victim + 1}-{kill + 1}", dead.SiloPort, dead.GatewayPort, dead.DashboardPort);
                await cluster.WaitForActiveMembersAsync(silos);
                Output.WriteLine($"kill {kill + 1}: silo{victim + 1} at {load.Now.TotalSeconds:0.0} s with {load.Acknowledged} acknowledged");
            }
            var last = load.Acknowledged;
            await Wait.UntilAsync(() => load.Acknowledged >= last + 200, TimeSpan.FromSeconds(60), "acknowledgements after the last kill");
            await stop.CancelAsync();
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(180));
            await Task.WhenAll(producers.Select(p => p.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(60));

            foreach (var failure in load.Failures.Take(5)) Output.WriteLine($"  failed: {failure}");
            Assert.Empty(load.Failures);
            await using var reader = await cluster.ConnectAsync();
            var stored = await ClusterProbe.ReadAllAsync(reader.Grains, Topic, Partitions);
            Output.WriteLine($"{Kills} kills; {load.Acknowledged} acknowledged, {stored.Count} stored");

            var byPosition = stored.ToDictionary(m => (m.Partition, m.Offset));
            foreach (var ack in load.Acknowledgements)
            {
                Assert.True(byPosition.TryGetValue((ack.Partition, ack.Offset), out var message),
                    $"{ack.Key}:{ack.Seq} acknowledged at {Topic}[{ack.Partition}]@{ack.Offset} is not stored");
                Assert.Equal((ack.Key, ack.Seq), KeyedLoad.Parse(message));
            }
            var twice = stored.GroupBy(KeyedLoad.Parse).Where(g => g.Count() > 1).Select(g => $"{g.Key.Key}:{g.Key.Seq}").ToList();
            Assert.True(twice.Count == 0, $"{twice.Count} messages stored twice, e.g. {string.Join(", ", twice.Take(5))}");
            Assert.Equal(load.Acknowledged, stored.Count);
            foreach (var key in stored.GroupBy(m => KeyedLoad.Parse(m).Key))
                Assert.Equal(Enumerable.Range(0, key.Count()), key.OrderBy(m => m.Offset).Select(m => KeyedLoad.Parse(m).Seq));
        }
        catch
        {
            Output.WriteLine(cluster.Logs(60));
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var c in connections) await c.DisposeAsync();
        }
    }
}
