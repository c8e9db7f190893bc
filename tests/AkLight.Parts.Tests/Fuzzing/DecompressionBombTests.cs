using AkLight.Silo.Doors.Kafka;
using AkLight.Silo.Doors.Kafka.Protocol;
using AkLight.Silo.Doors.Kafka.Records;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// A small gzip batch standing for a huge one (about 1 MB of gzip for 1 GiB of zeros) is refused once what it
/// inflates to passes the budget, and what the decoder allocated meanwhile stays near the budget, not the bomb.
/// Snappy, lz4 and zstd are refused before anything is inflated, so they carry no bomb.
/// </summary>
public sealed class DecompressionBombTests
{
    private const long OneGiB = 1L << 30;

    private static readonly Lazy<byte[]> Bomb = new(() => RecordBatches.Framed(1, RecordBatches.GzippedZeros(OneGiB), RecordBatches.Gzip));

    [Fact]
    public void A_gzip_bomb_is_refused_at_the_budget_with_bounded_allocation()
    {
        const int Budget = 4 * 1024 * 1024;
        Assert.True(Bomb.Value.Length < 2 * 1024 * 1024, $"the bomb is {Bomb.Value.Length} bytes, not a small batch");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidRecordException>(() => RecordBatchDecoder.Decode(Bomb.Value, new InflationBudget(Budget)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains($"past {Budget} bytes", error.Message);
        Assert.Contains("MaxRequestBytes", error.Message);
        Assert.Equal(KafkaErrorCode.InvalidRecord, KafkaErrors.From(error));
        Assert.True(allocated < 4L * Budget, $"{allocated} bytes allocated to refuse a bomb with a budget of {Budget}");
    }

    [Fact]
    public void Without_a_budget_a_record_set_inflates_at_most_the_default()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidRecordException>(() => RecordBatchDecoder.Decode(Bomb.Value));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4L * RecordBatchDecoder.DefaultMaxInflatedBytes, $"{allocated} bytes allocated for a {Bomb.Value.Length}-byte bomb");
    }

    [Fact]
    public void One_budget_bounds_the_batches_of_every_partition_of_a_request()
    {
        var batch = RecordBatches.Framed(1, RecordBatches.GzippedZeros(3 * 1024 * 1024), RecordBatches.Gzip);
        var budget = new InflationBudget(8 * 1024 * 1024);
        // Zeros are no records, so the first two fail on their records: but they were inflated, and counted.
        Assert.Throws<KafkaProtocolException>(() => RecordBatchDecoder.Decode(batch, budget));
        Assert.Throws<KafkaProtocolException>(() => RecordBatchDecoder.Decode(batch, budget));
        Assert.Throws<InvalidRecordException>(() => RecordBatchDecoder.Decode(batch, budget));
    }

    [Fact]
    public void Records_within_the_budget_inflate_as_before()
    {
        var batch = RecordBatches.Batch(Enumerable.Range(0, 1_000).Select(i => new ProduceRecord(null, new byte[1_000])).ToArray(), RecordBatches.Gzip);
        var budget = new InflationBudget(2 * 1024 * 1024);
        Assert.Equal(1_000, Assert.Single(RecordBatchDecoder.Decode(batch, budget)).Batch.RecordCount);
        Assert.InRange(budget.Left, 1, 2 * 1024 * 1024 - 1_000_000);
    }

    [Theory]
    [InlineData(2, "snappy")]
    [InlineData(3, "lz4")]
    [InlineData(4, "zstd")]
    public void Other_codecs_are_refused_before_inflating(short codec, string name)
    {
        var batch = RecordBatches.Framed(1, new byte[64 * 1024], codec);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<UnsupportedCompressionException>(() => RecordBatchDecoder.Decode(batch, new InflationBudget(1)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024, "the body was copied or inflated");
        Assert.Contains(name, error.Message);
    }
}
