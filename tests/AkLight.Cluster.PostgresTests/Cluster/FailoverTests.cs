namespace AkLight.Cluster.PostgresTests.Cluster;

/// <summary>
/// kill -9 of one silo under load: producers and persistent consumers (a session, a group member) stall briefly, nothing acknowledged is lost,
/// per-key order holds, and each consumer receives every message.
/// </summary>
public sealed class FailoverTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Topic = "metrics/failover/cpu";
    private const int Producers = 2;
    private const int KeysPerProducer = 20;
    private const int Rounds = 150; // 2 producers x 20 keys x 150 = 6000 messages, a round every 40 ms: about 6 s of load
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(40);

    [Fact]
    public async Task Killing_a_silo_under_keyed_load_loses_no_acknowledged_message_and_keeps_per_key_order()
    {
        await using var cluster = await StartClusterAsync("failover");
        var (silo1, silo2) = (cluster.Silos[0], cluster.Silos[1]);

        await using var admin = await cluster.ConnectAsync();
        await Wait.UntilAsync(async () => await ClusterProbe.ActiveSiloCountAsync(admin.Grains) == 2,
            TimeSpan.FromSeconds(30), "the cluster to see 2 active silos");
        await admin.Grains.GetGrain<ITopicGrain>(Topic).CreateAsync(new TopicSettings(4, TimeSpan.FromHours(1)));

        // Each producer has its own connection, through both gateways (in a different order).
        var connections = new[]
        {
            await BrokerConnection.ConnectAsync([silo1.Gateway, silo2.Gateway], TimeSpan.FromSeconds(30)),
            await BrokerConnection.ConnectAsync([silo2.Gateway, silo1.Gateway], TimeSpan.FromSeconds(30)),
        };
        await using var reader = await BrokerConnection.ConnectAsync([silo2.Gateway, silo1.Gateway], TimeSpan.FromSeconds(30));
        using var stopReading = new CancellationTokenSource();
        try
        {
            var load = new KeyedLoad(Topic, KeysPerProducer, Rounds, Pace);
            var producers = connections.Select(c => new Producer(c.Grains, new ProducerOptions { DeliveryTimeout = TimeSpan.FromSeconds(60) })).ToArray();
            var running = producers.Select((p, i) => load.RunAsync(p, i)).ToArray();
            // Two persistent readers: a session, and the only member of a consumer group.
            var consumers = new (string Name, FailoverConsumer Reader)[]
            {
                ("session", await FailoverConsumer.SessionAsync(reader.Grains, "failover-reader", Topic, load)),
                ("group member", await FailoverConsumer.GroupMemberAsync(reader.Grains, "failover-group", Topic, load)),
            };
            var consuming = consumers.Select(c => c.Reader.RunAsync(stopReading.Token)).ToArray();

            // Kill silo2 once about a quarter of the load is acknowledged, with the rest still to send.
            const int killAfter = Producers * KeysPerProducer * Rounds / 4;
            await Wait.UntilAsync(() => load.Acknowledged >= killAfter || running.All(t => t.IsCompleted), TimeSpan.FromSeconds(60),
                $"{killAfter} acknowledged messages before the kill", () => cluster.Logs());
            Assert.False(running.All(t => t.IsCompleted), "the load finished before the kill; raise Rounds");
            var placementBefore = await ClusterProbe.PartitionsBySiloAsync(admin.Grains, Topic);
            var killedAt = load.Now;
            var ackedAtKill = load.Acknowledged;
            silo2.Kill();
            Output.WriteLine($"killed silo2 (pid {silo2.ProcessId}, silo port {silo2.SiloPort}) at {killedAt.TotalSeconds:0.00} s with {ackedAtKill} acknowledged");
            foreach (var (silo, partitions) in placementBefore) Output.WriteLine($"  before: {silo} hosted partitions {string.Join(", ", partitions)}");

            var sinceKill = Stopwatch.StartNew();
            var declaredDead = Task.Run(async () =>
            {
                await Wait.UntilAsync(async () => (await cluster.ReadMembershipAsync()).Any(r => r.Port == silo2.SiloPort && r.Status == 6),
                    TimeSpan.FromSeconds(60), "silo2 declared Dead");
                return sinceKill.Elapsed;
            });

            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(180));
            await Task.WhenAll(producers.Select(p => p.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(60));
            Output.WriteLine($"silo2 declared Dead in the membership table {(await declaredDead).TotalSeconds:0.0} s after the kill");

            // Producers stall until the cluster has declared the silo dead and the partitions re-activate on the
            // survivor: a request in flight through or to the killed silo is abandoned as soon as its gateway connection
            // closes (GatewayLoss) and retried, instead of waiting for the client's response timeout (5 s).
            var stalls = Enumerable.Range(0, Producers).Select(i => load.LongestGapAfter(killedAt, $"p{i}-")).ToArray();
            for (var i = 0; i < Producers; i++) Output.WriteLine($"producer {i}: longest stall after the kill {stalls[i].TotalSeconds:0.00} s");
            Output.WriteLine($"acknowledged {load.Acknowledged} of {Producers * KeysPerProducer * Rounds}, failed {load.Failures.Count}");
            foreach (var failure in load.Failures.Take(5)) Output.WriteLine($"  failed: {failure}");
            Assert.Empty(load.Failures);
            Assert.All(stalls, stall => Assert.True(stall < TimeSpan.FromSeconds(45), $"a producer stalled {stall.TotalSeconds:0.0} s"));
            Assert.Equal(Producers * KeysPerProducer * Rounds, load.Acknowledged);

            // Both persistent readers deliver every message (at least once) and resume soon after the kill.
            foreach (var (name, consumer) in consumers)
                await Wait.UntilAsync(() => consumer.Distinct >= Producers * KeysPerProducer * Rounds, TimeSpan.FromSeconds(60),
                    $"the {name} to receive every message", () => $"{consumer.Distinct} received; {consumer.Error?.ToString() ?? "still reading"}");
            await stopReading.CancelAsync();
            await Task.WhenAll(consuming).WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var (name, consumer) in consumers)
                Output.WriteLine($"{name}: longest gap between deliveries after the kill {consumer.LongestGapAfter(killedAt).TotalSeconds:0.00} s, " +
                    $"{consumer.Distinct} distinct messages, {consumer.Redelivered} delivered again");

            // Read everything back through the survivor.
            var stored = await ClusterProbe.ReadAllAsync(admin.Grains, Topic, 4);
            var byPosition = stored.ToDictionary(m => (m.Partition, m.Offset));
            foreach (var ack in load.Acknowledgements)
            {
                Assert.True(byPosition.TryGetValue((ack.Partition, ack.Offset), out var message),
                    $"{ack.Key}:{ack.Seq} acknowledged at {Topic}[{ack.Partition}]@{ack.Offset} is not stored");
                Assert.Equal((ack.Key, ack.Seq), KeyedLoad.Parse(message));
            }

            // Per key: one partition, in send order, each message once (a retried batch is answered with its first offsets).
            var duplicates = 0;
            foreach (var key in stored.GroupBy(m => KeyedLoad.Parse(m).Key))
            {
                Assert.Single(key.Select(m => m.Partition).Distinct());
                var firstSeen = new List<int>();
                var seen = new HashSet<int>();
                foreach (var m in key.OrderBy(m => m.Offset))
                {
                    var seq = KeyedLoad.Parse(m).Seq;
                    if (seen.Add(seq)) firstSeen.Add(seq);
                    else duplicates++;
                }
                Assert.Equal(Enumerable.Range(0, Rounds), firstSeen);
            }
            Output.WriteLine($"stored {stored.Count} messages ({duplicates} duplicates from retried batches); per-key order holds");
            Assert.Equal(0, duplicates);

            var placementAfter = await ClusterProbe.PartitionsBySiloAsync(admin.Grains, Topic);
            foreach (var (silo, partitions) in placementAfter) Output.WriteLine($"  after: {silo} hosts partitions {string.Join(", ", partitions)}");
            Assert.Equal([0, 1, 2, 3], Assert.Single(placementAfter).Value);
        }
        catch
        {
            Output.WriteLine(cluster.Logs(80));
            throw;
        }
        finally
        {
            await stopReading.CancelAsync();
            foreach (var c in connections) await c.DisposeAsync();
        }
    }
}
