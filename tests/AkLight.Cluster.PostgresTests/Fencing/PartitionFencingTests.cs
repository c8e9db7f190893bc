using AkLight.Cluster.PostgresTests.Storage;

namespace AkLight.Cluster.PostgresTests.Fencing;

/// <summary>
/// Two activations of one partition at once (Orleans' directory can briefly allow that while membership changes), each
/// with its own store connections as two silos have, driven through the partition's real append path. The stored log
/// must not fork: no two batches over the same offsets, no gap, every acknowledged message stored at its acknowledged
/// offset and nothing twice; the activation that lost is refused with <see cref="StaleWriterException"/>, appends
/// nothing more, and a retry on the winner is stored (or answered) once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PartitionFencingTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const long TopicId = 1;
    private static readonly TopicPartition Partition = new("fenced", 0);
    private readonly List<PartitionActivation> _activations = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await postgres.CreateDatabaseAsync("fence");

    public async Task DisposeAsync()
    {
        foreach (var activation in _activations) await activation.DisposeAsync();
    }

    [Fact]
    public async Task Two_activations_that_both_believe_the_log_ends_at_N_cannot_both_append_there()
    {
        var first = await ActivateAsync();
        Assert.Equal(0, await first.AppendAsync(Batch(Guid.NewGuid(), 0, "seed-0", "seed-1", "seed-2")));
        var second = await ActivateAsync();
        Assert.Equal(3, first.EndOffset);
        Assert.Equal(3, second.EndOffset);

        var producerA = Guid.NewGuid();
        var producerB = Guid.NewGuid();
        var appends = new[] { first.AppendAsync(Batch(producerA, 0, "a")), second.AppendAsync(Batch(producerB, 0, "b-0", "b-1")) };
        await Task.WhenAll(appends).ContinueWith(_ => { }); // one of them fails, by design
        var won = Assert.Single(appends, a => a.IsCompletedSuccessfully);
        var (winner, loser) = won == appends[0] ? (first, second) : (second, first);
        var (winnerPayloads, loserBatch) = won == appends[0]
            ? (new[] { "a" }, Batch(producerB, 0, "b-0", "b-1"))
            : (new[] { "b-0", "b-1" }, Batch(producerA, 0, "a"));
        Assert.Equal(3, await won);

        // The loser is refused by name and offsets, acknowledges nothing, stops, and appends nothing more.
        var refused = await Assert.ThrowsAsync<StaleWriterException>(() => appends.Single(a => a != won));
        Assert.Equal(Partition.ToString(), refused.Partition);
        Assert.Equal(3, refused.BaseOffset);
        Assert.Equal(3 + winnerPayloads.Length, refused.StoredEndOffset);
        Assert.Contains(Partition.ToString(), refused.Message);
        Assert.NotNull(loser.Deactivating);
        await Assert.ThrowsAsync<StaleWriterException>(() => loser.AppendAsync(Batch(Guid.NewGuid(), 0, "after-the-refusal")));

        // The client's retry reaches the winner, which stores the batch once after its own.
        Assert.Equal(3 + winnerPayloads.Length, await winner.AppendAsync(loserBatch));
        var stored = await StoredAsync();
        stored.AssertUnforked();
        var payloads = stored.Payloads(Partition);
        Assert.Equal(["seed-0", "seed-1", "seed-2", .. winnerPayloads, .. Payloads(loserBatch)], payloads.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.Null(winner.Deactivating);
    }

    [Fact]
    public async Task A_stale_activation_writing_after_a_new_one_started_is_refused_and_the_retry_is_answered_once()
    {
        var producer = Guid.NewGuid();
        var stale = await ActivateAsync();
        Assert.Equal(0, await stale.AppendAsync(Batch(producer, 0, "m-0")));
        // The partition moved: a new activation starts from the store and takes the producer's next batch.
        var current = await ActivateAsync();
        Assert.Equal(1, await current.AppendAsync(Batch(producer, 1, "m-1")));

        // That batch's acknowledgement was lost, and the producer's retry reached the old activation first.
        var refused = await Assert.ThrowsAsync<StaleWriterException>(() => stale.AppendAsync(Batch(producer, 1, "m-1")));
        Assert.Equal((1L, 2L, 2L), (refused.BaseOffset, refused.NextOffset, refused.StoredEndOffset));
        Assert.NotNull(stale.Deactivating);
        // On the new activation the retry gets the offset already stored: not stored twice.
        Assert.Equal(1, await current.AppendAsync(Batch(producer, 1, "m-1")));

        var stored = await StoredAsync();
        stored.AssertUnforked();
        Assert.Equal(["m-0", "m-1"], stored.Payloads(Partition).OrderBy(p => p.Key).Select(p => p.Value));
    }

    [Fact]
    public async Task Producers_writing_through_two_activations_at_once_lose_nothing_and_store_nothing_twice()
    {
        const int producers = 8;
        const int batchesEach = 25;
        await ActivateAsync();
        await ActivateAsync();
        var refusals = 0;
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(long BaseOffset, string[] Payloads)>();

        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var id = Guid.NewGuid();
            var route = _activations[p % 2]; // half the producers find each activation
            for (var sequence = 0; sequence < batchesEach; sequence++)
            {
                var batch = Batch(id, sequence, $"p{p}-s{sequence}-0", $"p{p}-s{sequence}-1");
                while (true)
                {
                    try
                    {
                        acknowledged.Add((await route.AppendAsync(batch), Payloads(batch)));
                        break;
                    }
                    catch (StaleWriterException)
                    {
                        // As the .NET client and Kafka clients do: retry the same batch; it reaches the activation left.
                        Interlocked.Increment(ref refusals);
                        route = await CurrentActivationAsync();
                    }
                }
            }
        })));

        Assert.True(refusals > 0, "both activations began at the same log end, so one of them must have been refused");
        Assert.Single(_activations, a => a.Deactivating is null);
        var stored = await StoredAsync();
        stored.AssertUnforked();
        var payloads = stored.Payloads(Partition);
        Assert.Equal(producers * batchesEach * 2, payloads.Count);
        Assert.Equal(payloads.Count, payloads.Values.Distinct().Count()); // nothing stored twice
        foreach (var (baseOffset, sent) in acknowledged)
            for (var i = 0; i < sent.Length; i++)
                Assert.True(payloads.TryGetValue(baseOffset + i, out var found) && found == sent[i],
                    $"'{sent[i]}' was acknowledged at offset {baseOffset + i}, which holds '{found}'");
    }

    private readonly SemaphoreSlim _directory = new(1, 1);

    /// <summary>What the grain directory hands a retry: an activation that has not stopped, or a fresh one.</summary>
    private async Task<PartitionActivation> CurrentActivationAsync()
    {
        await _directory.WaitAsync();
        try
        {
            return _activations.FirstOrDefault(a => a.Deactivating is null) ?? await ActivateAsync();
        }
        finally
        {
            _directory.Release();
        }
    }

    private async Task<PartitionActivation> ActivateAsync()
    {
        var activation = await PartitionActivation.StartAsync(_connectionString, Partition, TopicId);
        _activations.Add(activation);
        return activation;
    }

    private async Task<StoredPartitionLog> StoredAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var store = new PostgresStoreParts(dataSource);
        return await StoredPartitionLog.ReadAsync(store.Log, TopicId, Partition.Partition);
    }

    private static ProduceBatch Batch(Guid producer, long sequence, params string[] payloads) =>
        new([.. payloads.Select(p => new ProduceRecord(null, Encoding.UTF8.GetBytes(p)))], producer, sequence);

    private static string[] Payloads(ProduceBatch batch) =>
        [.. Records.RecordBatchMessages.Read([batch.Batch], Partition, 0, long.MaxValue, int.MaxValue, int.MaxValue)
            .Select(m => Encoding.UTF8.GetString(m.Payload!))];
}
