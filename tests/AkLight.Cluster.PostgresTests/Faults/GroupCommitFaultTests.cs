using System.Collections.Concurrent;

namespace AkLight.Cluster.PostgresTests.Faults;

/// <summary>
/// The store fails group commits now and then while appenders keep several batches per partition in flight: only
/// the batches of a failed commit fail, with the store's error; every acknowledged batch is stored once at its
/// offsets, and each partition's offsets stay unique and gapless.
/// </summary>
public sealed class GroupCommitFaultTests(PostgresFixture postgres, ITestOutputHelper output) : PostgresClusterTest(postgres, output)
{
    private const string Topic = "faults/group-commit";
    private const int Partitions = 4;
    private const int AppendersPerPartition = 6;
    private const int BatchesPerAppender = 60;
    private const int RecordsPerBatch = 3;

    [Fact]
    public async Task Appends_around_a_failed_group_commit_keep_unique_gapless_offsets()
    {
        var database = await Postgres.CreateDatabaseAsync("groupfault");
        var fault = new StoreFault(database);
        await fault.InstallAsync();
        await using var cluster = new SiloCluster(database, Output);
        await cluster.StartSiloAsync("silo1");
        await using var connection = await cluster.ConnectAsync();
        await connection.Grains.GetGrain<ITopicGrain>(Topic).CreateAsync(new TopicSettings(Partitions, TimeSpan.FromHours(1)));

        var acknowledged = new ConcurrentBag<(int Partition, long Offset, string Batch)>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var appenders = Enumerable.Range(0, Partitions).SelectMany(p => Enumerable.Range(0, AppendersPerPartition).Select(a => Task.Run(async () =>
        {
            var grain = connection.Grains.GetPartitionGrain(new TopicPartition(Topic, p));
            for (var b = 0; b < BatchesPerAppender; b++)
            {
                var name = $"p{p}-a{a}-b{b}";
                var records = Enumerable.Range(0, RecordsPerBatch).Select(r => new ProduceRecord(null, Encoding.UTF8.GetBytes($"{name}-r{r}"))).ToArray();
                try
                {
                    acknowledged.Add((p, await grain.AppendAsync(new ProduceBatch(records)), name));
                }
                catch (StoreUnavailableException error)
                {
                    failures.Add(error.Message);
                }
            }
        }))).ToArray();

        // The fault goes on and off while the appenders run: 150 ms on in every 400 ms.
        var flips = 0;
        while (!appenders.All(t => t.IsCompleted) && flips < 40)
        {
            await fault.SwitchOnAsync();
            await Task.Delay(150);
            await fault.SwitchOffAsync();
            await Task.Delay(250);
            flips++;
        }
        await Task.WhenAll(appenders).WaitAsync(TimeSpan.FromSeconds(120));
        Output.WriteLine($"{flips} faults; {acknowledged.Count} batches acknowledged, {failures.Count} failed");
        foreach (var reason in failures.Distinct().Take(5)) Output.WriteLine($"  failed: {reason}");

        Assert.True(flips >= 2, "the appenders finished before the store failed twice; raise BatchesPerAppender");
        Assert.NotEmpty(failures);
        // Only the store's own error: a batch refused because its offset did not follow the stored log end means the
        // partition handed out offsets that were not next.
        Assert.All(failures, reason => Assert.Contains(StoreFault.Message, reason));

        var stored = await ClusterProbe.ReadAllAsync(connection.Grains, Topic, Partitions);
        foreach (var partition in stored.GroupBy(m => m.Partition))
            Assert.Equal(Enumerable.Range(0, partition.Count()).Select(i => (long)i), partition.Select(m => m.Offset).Order());
        var byPosition = stored.ToDictionary(m => (m.Partition, m.Offset), m => Encoding.UTF8.GetString(m.Payload!));
        foreach (var (partition, offset, batch) in acknowledged)
            for (var r = 0; r < RecordsPerBatch; r++)
                Assert.Equal($"{batch}-r{r}", byPosition.GetValueOrDefault((partition, offset + r)));
        Assert.Equal(acknowledged.Count * RecordsPerBatch, stored.Count);
    }
}
