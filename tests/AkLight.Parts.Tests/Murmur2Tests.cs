namespace AkLight.Parts.Tests;

/// <summary>
/// <see cref="Murmur2"/> must equal Kafka's <c>Utils.murmur2</c> bit for bit. The vectors are those of
/// apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2.
/// </summary>
public class Murmur2Tests
{
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    public void Hash_MatchesKafkaUtilsTestVectors(string key, int expected)
    {
        // Java's String.getBytes() with ASCII text: the same bytes as UTF-8.
        Assert.Equal(expected, Murmur2.Hash(Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public void Hash_MatchesKafkaUtilsTestVector_ForRawBytesAbc()
    {
        // cases.put(new byte[] {'a', 'b', 'c'}, 479470107) — a three-byte tail and a positive hash.
        Assert.Equal(479470107, Murmur2.Hash(new byte[] { (byte)'a', (byte)'b', (byte)'c' }));
    }

    [Theory]
    // Keys of 9 bytes exercise the one-byte tail, which Kafka's own vectors (lengths 2, 3, 6, 24, 26, 48)
    // do not. These values are published by a third-party Go test as printed by the Java client, and
    // that test also checks them against franz-go's Kafka-compatible partitioner.
    [InlineData("order-100", -955961047)]
    [InlineData("order-101", 1112104930)]
    [InlineData("user-1002", 494644997)]
    public void Hash_MatchesJavaClientValues_ForKeysWithAOneByteTail(string key, int expected)
    {
        Assert.Equal(expected, Murmur2.Hash(Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public void Hash_ReadsOnlyTheGivenSlice()
    {
        var buffer = Encoding.UTF8.GetBytes("xxx" + "a-little-bit-longer-string" + "yyyyy");

        var hash = Murmur2.Hash(buffer.AsSpan(3, "a-little-bit-longer-string".Length));

        Assert.Equal(-1486304829, hash);
    }

    [Fact]
    public void Hash_IsDeterministic()
    {
        var key = Encoding.UTF8.GetBytes("metrics/docker/host1/web-1/cpu");

        Assert.Equal(Murmur2.Hash(key), Murmur2.Hash(key.ToArray()));
    }

    [Fact]
    public void Hash_OfTheEmptyKeyDoesNotThrow()
    {
        var hash = Murmur2.Hash(ReadOnlySpan<byte>.Empty);

        Assert.Equal(hash, Murmur2.Hash(Array.Empty<byte>()));
    }

    [Fact]
    public void Hash_DependsOnEveryByteAndOnTheLength()
    {
        // Each tail length (0-3 extra bytes) and each position must feed the hash.
        var baseKey = Encoding.UTF8.GetBytes("abcdefg");
        var hashes = new HashSet<int>();
        for (var length = 0; length <= baseKey.Length; length++)
            Assert.True(hashes.Add(Murmur2.Hash(baseKey.AsSpan(0, length))), $"length {length} collided");
        for (var i = 0; i < baseKey.Length; i++)
        {
            var changed = baseKey.ToArray();
            changed[i] ^= 0x01;
            Assert.True(hashes.Add(Murmur2.Hash(changed)), $"flipping byte {i} collided");
        }
    }
}
