using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Parts.Tests.Kafka;

/// <summary>A Kafka connection's produce requests keep their order per partition, and only per partition.</summary>
public sealed class PartitionAppendOrderTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_second_append_to_a_partition_starts_only_when_the_first_has_ended_even_when_it_failed()
    {
        var order = new PartitionAppendOrder();
        var first = new TaskCompletionSource<int>();
        var started = new List<string>();

        var a = order.Enqueue("t", 0, () => { started.Add("a"); return first.Task; });
        var b = order.Enqueue("t", 0, () => { started.Add("b"); return Task.FromResult(2); });

        Assert.Equal(["a"], started);
        Assert.False(b.IsCompleted);
        first.SetException(new InvalidOperationException("the first append failed"));
        Assert.Equal(2, await b.WaitAsync(Bound));
        Assert.Equal(["a", "b"], started);
        await Assert.ThrowsAsync<InvalidOperationException>(() => a);
    }

    [Fact]
    public async Task Appends_to_other_partitions_start_at_once_and_nothing_is_held_once_they_end()
    {
        var order = new PartitionAppendOrder();
        var held = new TaskCompletionSource<int>();
        var started = new List<(string, int)>();

        var first = order.Enqueue("t", 0, () => { started.Add(("t", 0)); return held.Task; });
        var others = new[] { ("t", 1), ("u", 0), ("u", 1) }
            .Select(p => order.Enqueue(p.Item1, p.Item2, () => { started.Add(p); return Task.FromResult(p.Item2); })).ToArray();

        Assert.Equal(4, started.Count);
        await Task.WhenAll(others).WaitAsync(Bound);
        held.SetResult(0);
        await first.WaitAsync(Bound);
        Assert.Equal(0, order.Pending);
    }

    [Fact]
    public async Task Many_appends_to_few_partitions_run_in_the_order_they_were_queued_per_partition()
    {
        var order = new PartitionAppendOrder();
        var seen = new Dictionary<int, List<int>> { [0] = [], [1] = [], [2] = [] };
        var appends = Enumerable.Range(0, 300).Select(i => order.Enqueue("t", i % 3, async () =>
        {
            await Task.Yield();
            lock (seen) seen[i % 3].Add(i);
            return i;
        })).ToArray();

        await Task.WhenAll(appends).WaitAsync(Bound);

        foreach (var (partition, list) in seen) Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 3 + partition), list);
    }
}
