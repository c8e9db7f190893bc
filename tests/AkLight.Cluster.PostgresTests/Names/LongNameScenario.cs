namespace AkLight.Cluster.PostgresTests.Names;

/// <summary>
/// What every accepted name must support, in either store: a topic of that name is produced to, read by a
/// persistent session and by a consumer group of that same name, compacted at retention, survives a restart of
/// the silos with its messages and both consumers' commits, and is deleted.
/// </summary>
public sealed class LongNameScenario(ITestOutputHelper output)
{
    private static readonly TimeSpan FetchWait = TimeSpan.FromMilliseconds(200);
    private readonly List<string> _names = LongNames.Cases.Select((c, i) => LongNames.Make(c.Bytes, c.MultiByte, seed: i)).ToList();

    /// <summary>Before the restart: each topic gets three messages; the session and the group commit what they read.</summary>
    public async Task BeforeRestartAsync(IGrainFactory grains)
    {
        await using var producer = new Producer(grains);
        for (var i = 0; i < _names.Count; i++)
        {
            var name = _names[i];
            var what = LongNames.Describe(LongNames.Cases[i].Bytes, LongNames.Cases[i].MultiByte);
            await grains.GetGrain<ITopicGrain>(name).CreateAsync(new TopicSettings(1, TimeSpan.FromHours(1), Compact: true));
            var acks = new[]
            {
                await producer.ProduceAsync(name, "k1", "v1"),
                await producer.ProduceAsync(name, "k2", "v1"),
                await producer.ProduceAsync(name, "k1", "v2"),
            };
            Assert.Equal([0L, 1L, 2L], acks.Select(a => a.Offset));

            var session = await ConsumerSession.OpenAsync(grains, name, new SessionOptions([name], Persistent: true, StartPosition.Earliest));
            var read = await FetchAsync(session, 3, what);
            Assert.All(read, m => Assert.Equal(name, m.Topic));
            await session.CommitAsync([new TopicPartitionOffset(name, 0, 3)]);

            await using (var member = await GroupConsumer.JoinAsync(grains, name, "m1", [name], StartFrom.Earliest))
            {
                using var timeout = Timeout();
                // A message counts as processed once the next is asked for: 0 and 1 are, and leaving commits 2.
                await foreach (var message in member.ConsumeAsync(autoCommit: true).WithCancellation(timeout.Token))
                    if (message.Offset == 2) break;
            }

            // Compaction at retention: only the newest message of each key stays, so k1:v1 at offset 0 goes.
            await grains.GetGrain<ITopicGrain>(name).SetRetentionAsync(TimeSpan.FromMilliseconds(1));
            await Task.Delay(10);
            var bounds = await grains.GetPartitionGrain(new TopicPartition(name, 0)).EnforceRetentionAsync();
            Assert.Equal(3, bounds.EndOffset);
            output.WriteLine($"{what}: produced, read by a session and a group, compacted (log start {bounds.StartOffset})");
        }
    }

    /// <summary>After the restart: messages, commits and appends continue; then each topic is deleted.</summary>
    public async Task AfterRestartAsync(IGrainFactory grains)
    {
        await using var producer = new Producer(grains);
        for (var i = 0; i < _names.Count; i++)
        {
            var name = _names[i];
            var what = LongNames.Describe(LongNames.Cases[i].Bytes, LongNames.Cases[i].MultiByte);
            var info = await grains.GetGrain<ITopicGrain>(name).GetAsync();
            Assert.True(info is not null, $"{what}: the topic is gone after the restart");
            Assert.Equal(name, info.Name);

            var kept = await ReadFromStartAsync(grains, name);
            Assert.Equal([(1L, "k2"), (2L, "k1")], kept.Select(m => (m.Offset, Text(m.Key))));

            var next = await producer.ProduceAsync(name, "k3", "after the restart");
            Assert.Equal(3, next.Offset);

            // The persistent session resumes after its commit: the new message only.
            var session = await ConsumerSession.OpenAsync(grains, name, new SessionOptions([name], Persistent: true, StartPosition.Earliest));
            var resumed = await FetchAsync(session, 1, what);
            Assert.Equal(3, Assert.Single(resumed).Offset);

            var group = await grains.GetGrain<IConsumerGroupGrain>(name).DescribeAsync();
            Assert.Equal(name, group.Group);
            Assert.Equal(2, Assert.Single(group.Partitions).Committed);

            await session.CloseAsync();
            await grains.GetGrain<ITopicGrain>(name).DeleteAsync();
            Assert.Null(await grains.GetGrain<ITopicGrain>(name).GetAsync());
            output.WriteLine($"{what}: kept its messages and commits across the restart, appended at 3, deleted");
        }
    }

    private static async Task<List<ConsumedMessage>> FetchAsync(ConsumerSession session, int count, string what)
    {
        var got = new List<ConsumedMessage>();
        using var timeout = Timeout();
        while (got.Count < count)
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"{what}: {got.Count} of {count} messages fetched in 30 s");
            got.AddRange(await session.FetchAsync(count - got.Count, FetchWait));
        }
        return got;
    }

    private static async Task<IReadOnlyList<ConsumedMessage>> ReadFromStartAsync(IGrainFactory grains, string name)
    {
        var partition = grains.GetPartitionGrain(new TopicPartition(name, 0));
        var bounds = await partition.GetBoundsAsync();
        return (await partition.ReadAsync(bounds.StartOffset, 100, 1 << 20)).Messages;
    }

    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(30));

    private static string? Text(byte[]? bytes) => bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes);
}
