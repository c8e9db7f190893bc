namespace AkLight.Cluster.PostgresTests.Faults;

/// <summary>
/// Both silos serve keyed load while busy loops hold every CPU of the host at 100 % for 60 s
/// (<c>AKLIGHT_CPU_STRESS_SECONDS</c>): failure detection, tuned to declare a killed silo dead in about a second,
/// declares neither of them dead, and nothing acknowledged is lost.
/// </summary>
public sealed class CpuStressTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Topic = "faults/cpu-stress";

    [Fact]
    public async Task A_minute_at_100_percent_CPU_declares_no_silo_dead_and_loses_nothing()
    {
        var stress = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("AKLIGHT_CPU_STRESS_SECONDS"), out var s) ? s : 60);
        await using var cluster = await StartClusterAsync("cpustress");
        var silos = cluster.Silos.ToArray();
        await using var connection = await BrokerConnection.ConnectAsync(silos.Select(x => x.Gateway).ToArray(), TimeSpan.FromSeconds(30));
        await connection.Grains.GetGrain<ITopicGrain>(Topic).CreateAsync(new TopicSettings(4, TimeSpan.FromHours(1)));

        var load = new KeyedLoad(Topic, keysPerProducer: 10, rounds: 100_000, TimeSpan.FromMilliseconds(50), roundsInFlight: 4);
        using var stop = new CancellationTokenSource();
        var producers = Enumerable.Range(0, 2)
            .Select(_ => new Producer(connection.Grains, new ProducerOptions { DeliveryTimeout = TimeSpan.FromSeconds(120) })).ToArray();
        var running = producers.Select((p, i) => load.RunAsync(p, i, stop.Token)).ToArray();
        var notActive = new List<string>();
        try
        {
            await Wait.UntilAsync(() => load.Acknowledged >= 500, TimeSpan.FromSeconds(60), "500 acknowledgements before the stress");
            var stressedAt = load.Now;
            double busy;
            using (new CpuLoad(Environment.ProcessorCount + 1))
            {
                var measured = CpuLoad.MeasureBusyAsync(TimeSpan.FromSeconds(10));
                var end = DateTime.UtcNow + stress;
                while (DateTime.UtcNow < end)
                {
                    // Any row of the two silos that is not Active (3): suspected and declared dead silos show here.
                    foreach (var row in await cluster.ReadMembershipAsync())
                        if (row.Status != SiloCluster.ActiveStatus) notActive.Add($"{load.Now.TotalSeconds:0.0} s: port {row.Port} status {row.Status}");
                    await Task.Delay(500);
                }
                busy = await measured;
            }
            var stressEnd = load.Now;
            var ackedAfterStress = load.Acknowledged;
            await Wait.UntilAsync(() => load.Acknowledged > ackedAfterStress + 100, TimeSpan.FromSeconds(60), "acknowledgements after the stress");
            Output.WriteLine($"busy loops on {Environment.ProcessorCount} CPUs from {stressedAt.TotalSeconds:0.0} s for {stress.TotalSeconds:0} s: " +
                $"host CPU {busy:P0} busy; {load.Acknowledged} acknowledged so far; longest gap between acknowledgements under stress " +
                $"{Math.Max(load.LongestGapAfter(stressedAt, "p0-").TotalSeconds, load.LongestGapAfter(stressedAt, "p1-").TotalSeconds):0.00} s " +
                $"(up to {(stressEnd - stressedAt).TotalSeconds:0} s after the start)");

            await stop.CancelAsync();
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(180));
            await Task.WhenAll(producers.Select(p => p.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(60));
            foreach (var row in notActive.Take(10)) Output.WriteLine($"  not active: {row}");
            Assert.Empty(notActive);
            Assert.All(silos, x => Assert.False(x.HasExited, $"{x.Name} exited"));
            foreach (var failure in load.Failures.Take(5)) Output.WriteLine($"  failed: {failure}");
            Assert.Empty(load.Failures);

            var stored = await ClusterProbe.ReadAllAsync(connection.Grains, Topic, 4);
            var byPosition = stored.ToDictionary(m => (m.Partition, m.Offset));
            foreach (var ack in load.Acknowledgements)
            {
                Assert.True(byPosition.TryGetValue((ack.Partition, ack.Offset), out var message), $"{ack.Key}:{ack.Seq} lost");
                Assert.Equal((ack.Key, ack.Seq), KeyedLoad.Parse(message));
            }
            Output.WriteLine($"{load.Acknowledged} acknowledged, all stored at their offsets; both silos stayed Active");
        }
        catch
        {
            await stop.CancelAsync();
            Output.WriteLine(cluster.Logs(60));
            throw;
        }
    }
}
