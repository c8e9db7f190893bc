using AkLight.Client.Producing;

namespace AkLight.Parts.Tests;

/// <summary>
/// <see cref="PartitionChooser"/>: keyed messages go where Kafka's default partitioner sends them,
/// unkeyed messages go round-robin so each partition receives messages in turn.
/// </summary>
public class PartitionChooserTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Constructor_ThrowsWhenThereAreNoPartitions(int partitions)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionChooser(partitions));

        Assert.Equal("partitions", ex.ParamName);
        Assert.Equal(partitions, ex.ActualValue);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(4096)]
    public void Partitions_IsTheCountGiven(int partitions)
    {
        Assert.Equal(partitions, new PartitionChooser(partitions).Partitions);
    }

    [Fact]
    public void Choose_WithoutKey_GivesEachPartitionAMessageInTurn()
    {
        var chooser = new PartitionChooser(4);

        var chosen = Enumerable.Range(0, 12).Select(_ => chooser.Choose(null)).ToArray();

        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3], chosen);
        Assert.All(chosen.GroupBy(p => p), g => Assert.Equal(3, g.Count()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    public void Choose_WithoutKey_StartsAtPartitionZeroAndCyclesThroughEveryPartition(int partitions)
    {
        var chooser = new PartitionChooser(partitions);

        for (var i = 0; i < partitions * 5; i++)
            Assert.Equal(i % partitions, chooser.Choose(null));
    }

    [Fact]
    public void Choose_WithoutKey_OnASinglePartitionAlwaysGivesZero()
    {
        var chooser = new PartitionChooser(1);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(0, chooser.Choose(null)));
    }

    [Fact]
    public void Choose_WithoutKey_KeepsASeparateTurnPerInstance()
    {
        var a = new PartitionChooser(3);
        var b = new PartitionChooser(3);

        Assert.Equal(0, a.Choose(null));
        Assert.Equal(1, a.Choose(null));
        Assert.Equal(0, b.Choose(null));
        Assert.Equal(2, a.Choose(null));
        Assert.Equal(1, b.Choose(null));
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(3, 1000)]
    [InlineData(4, 2500)]
    [InlineData(7, 1000)]
    [InlineData(16, 500)]
    public void Choose_WithoutKey_SpreadsExactlyEvenlyUnderParallelCalls(int partitions, int perPartition)
    {
        var chooser = new PartitionChooser(partitions);
        var counts = new int[partitions];

        Parallel.For(0, partitions * perPartition, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            _ => Interlocked.Increment(ref counts[chooser.Choose(null)]));

        Assert.All(counts, count => Assert.Equal(perPartition, count));
        // The turn continues from where the parallel calls left it: the next message goes to partition 0.
        Assert.Equal(0, chooser.Choose(null));
    }

    [Fact]
    public void Choose_WithoutKey_SpreadsExactlyEvenlyAcrossThreadsStartedTogether()
    {
        const int partitions = 5;
        const int threads = 8;
        const int callsPerThread = partitions * 1_000;
        var chooser = new PartitionChooser(partitions);
        var counts = new int[partitions];
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < callsPerThread; i++)
                Interlocked.Increment(ref counts[chooser.Choose(null)]);
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());

        Assert.All(counts, count => Assert.Equal(threads * callsPerThread / partitions, count));
    }

    [Theory]
    [InlineData("21", 10, 0)]
    [InlineData("foobar", 10, 6)]
    [InlineData("abc", 4, 3)]
    [InlineData("a-little-bit-longer-string", 12, 11)]
    public void Choose_WithKey_UsesKafkasPartitionForThatKey(string key, int partitions, int expected)
    {
        var chooser = new PartitionChooser(partitions);

        Assert.Equal(expected, chooser.Choose(Encoding.UTF8.GetBytes(key)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(4096)]
    public void Choose_WithKey_EqualsKeyPartitionerAndIsTheSameEveryTime(int partitions)
    {
        var chooser = new PartitionChooser(partitions);

        for (var i = 0; i < 500; i++)
        {
            var key = Encoding.UTF8.GetBytes($"user-{i}");
            var expected = KeyPartitioner.PartitionFor(key, partitions);

            Assert.Equal(expected, chooser.Choose(key));
            Assert.Equal(expected, chooser.Choose(key));
            Assert.Equal(expected, new PartitionChooser(partitions).Choose(key.ToArray()));
        }
    }

    [Fact]
    public void Choose_WithEmptyKey_IsKeyedNotRoundRobin()
    {
        var chooser = new PartitionChooser(12);
        var expected = KeyPartitioner.PartitionFor([], 12);

        Assert.All(Enumerable.Range(0, 24), _ => Assert.Equal(expected, chooser.Choose([])));
    }

    [Fact]
    public void Choose_WithKey_DoesNotAdvanceTheRoundRobinTurn()
    {
        var chooser = new PartitionChooser(4);
        var key = Encoding.UTF8.GetBytes("foobar");

        var unkeyed = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            unkeyed.Add(chooser.Choose(null));
            chooser.Choose(key);
            chooser.Choose(key);
        }

        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3], unkeyed);
    }

    [Fact]
    public void Choose_WithKey_GivesTheSamePartitionUnderParallelCalls()
    {
        var chooser = new PartitionChooser(7);
        var keys = Enumerable.Range(0, 200).Select(i => Encoding.UTF8.GetBytes($"device-{i}")).ToArray();
        var seen = new int[keys.Length * 50];

        Parallel.For(0, seen.Length, i => seen[i] = chooser.Choose(keys[i % keys.Length]));

        for (var i = 0; i < seen.Length; i++)
            Assert.Equal(KeyPartitioner.PartitionFor(keys[i % keys.Length], 7), seen[i]);
    }
}
