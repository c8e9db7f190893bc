namespace AkLight.Parts.Tests;

/// <summary>
/// <see cref="KeyPartitioner"/>: Kafka's <c>BuiltInPartitioner.partitionForKey</c>,
/// <c>Utils.toPositive(Utils.murmur2(key)) % partitions</c>, where <c>toPositive</c> masks the sign bit.
/// </summary>
public class KeyPartitionerTests
{
    // Four-byte keys whose murmur2 hash is an extreme value. Found by running murmur2's steps backwards
    // (every step of the four-byte case is invertible); the hashes are asserted below, so the keys are
    // checked by Murmur2 itself, not trusted.
    private static readonly byte[] KeyHashingToIntMinValue = [167, 214, 80, 108];
    private static readonly byte[] KeyHashingToMinusOne = [165, 212, 48, 92];
    private static readonly byte[] KeyHashingToZero = [227, 135, 24, 68];
    private static readonly byte[] KeyHashingToIntMaxValue = [2, 125, 83, 67];

    [Theory]
    // Kafka's UtilsTest.testMurmur2 keys; expected = (hash & 0x7fffffff) % partitions.
    [InlineData("21", 1, 0)]
    [InlineData("21", 3, 0)]
    [InlineData("21", 10, 0)]
    [InlineData("21", 50, 40)]
    [InlineData("21", 4096, 2284)]
    [InlineData("foobar", 4, 2)]
    [InlineData("foobar", 10, 6)]
    [InlineData("foobar", 50, 16)]
    [InlineData("a-little-bit-long-string", 3, 2)]
    [InlineData("a-little-bit-long-string", 12, 8)]
    [InlineData("a-little-bit-longer-string", 10, 9)]
    [InlineData("a-little-bit-longer-string", 12, 11)]
    [InlineData("a-little-bit-longer-string", 4096, 2499)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", 4, 1)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", 10, 7)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", 12, 5)]
    [InlineData("abc", 4, 3)]
    [InlineData("abc", 10, 7)]
    [InlineData("abc", 4096, 539)]
    public void PartitionFor_MasksKafkasHashAndTakesTheRemainder(string key, int partitions, int expected)
    {
        Assert.Equal(expected, KeyPartitioner.PartitionFor(Encoding.UTF8.GetBytes(key), partitions));
    }

    [Theory]
    // Kafka's own partitioner tests publish no key-to-partition numbers; these come from a third-party
    // Spock specification that asserts them against Kafka's BuiltInPartitioner.partitionForKey.
    [InlineData("a", 4)]
    [InlineData("b", 6)]
    [InlineData("c", 4)]
    [InlineData("d", 3)]
    [InlineData("e", 4)]
    public void PartitionFor_MatchesKafkaBuiltInPartitioner_ForSingleByteKeysOverTenPartitions(string key, int expected)
    {
        Assert.Equal(expected, KeyPartitioner.PartitionFor(Encoding.UTF8.GetBytes(key), 10));
    }

    [Fact]
    public void PartitionFor_MasksTheSignBitOfANegativeHashRatherThanTakingItsAbsoluteValue()
    {
        var key = Encoding.UTF8.GetBytes("21");
        var hash = Murmur2.Hash(key);
        Assert.Equal(-973932308, hash);

        // 0x7fffffff & -973932308 = 1173551340, and 1173551340 % 10 = 0; |hash| % 10 would be 8.
        Assert.Equal(0, KeyPartitioner.PartitionFor(key, 10));
        Assert.NotEqual(Math.Abs(hash) % 10, KeyPartitioner.PartitionFor(key, 10));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(4096)]
    [InlineData(int.MaxValue)]
    public void PartitionFor_AHashOfIntMinValueMasksToZero(int partitions)
    {
        // Math.Abs(int.MinValue) would throw (or stay negative in Java); Kafka's toPositive gives 0.
        Assert.Equal(int.MinValue, Murmur2.Hash(KeyHashingToIntMinValue));

        Assert.Equal(0, KeyPartitioner.PartitionFor(KeyHashingToIntMinValue, partitions));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 1)]
    [InlineData(10, 7)]
    [InlineData(4096, 4095)]
    [InlineData(int.MaxValue, 0)]
    public void PartitionFor_AHashOfMinusOneMasksToIntMaxValue(int partitions, int expected)
    {
        Assert.Equal(-1, Murmur2.Hash(KeyHashingToMinusOne));

        Assert.Equal(expected, KeyPartitioner.PartitionFor(KeyHashingToMinusOne, partitions));
    }

    [Fact]
    public void PartitionFor_HashesOfZeroAndIntMaxValueAreUsedAsTheyAre()
    {
        Assert.Equal(0, Murmur2.Hash(KeyHashingToZero));
        Assert.Equal(int.MaxValue, Murmur2.Hash(KeyHashingToIntMaxValue));

        Assert.Equal(0, KeyPartitioner.PartitionFor(KeyHashingToZero, 7));
        Assert.Equal(int.MaxValue % 7, KeyPartitioner.PartitionFor(KeyHashingToIntMaxValue, 7));
        Assert.Equal(0, KeyPartitioner.PartitionFor(KeyHashingToIntMaxValue, int.MaxValue));
        Assert.Equal(1, KeyPartitioner.PartitionFor(KeyHashingToIntMaxValue, int.MaxValue - 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(int.MaxValue)]
    public void PartitionFor_IsAlwaysWithinRangeAndStable(int partitions)
    {
        for (var i = 0; i < 2_000; i++)
        {
            var key = Encoding.UTF8.GetBytes($"order-{i}");
            var partition = KeyPartitioner.PartitionFor(key, partitions);

            Assert.InRange(partition, 0, partitions - 1);
            Assert.Equal(partition, KeyPartitioner.PartitionFor(key, partitions));
            Assert.Equal((Murmur2.Hash(key) & 0x7fffffff) % partitions, partition);
        }
    }

    [Fact]
    public void PartitionFor_AcceptsTheEmptyKey()
    {
        var partition = KeyPartitioner.PartitionFor(ReadOnlySpan<byte>.Empty, 12);

        Assert.InRange(partition, 0, 11);
        Assert.Equal((Murmur2.Hash(ReadOnlySpan<byte>.Empty) & 0x7fffffff) % 12, partition);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-12)]
    [InlineData(int.MinValue)]
    public void PartitionFor_ThrowsWhenThereAreNoPartitions(int partitions)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => KeyPartitioner.PartitionFor("key"u8, partitions));

        Assert.Equal("partitions", ex.ParamName);
    }
}
