namespace AkLight.Parts.Tests;

/// <summary>The binary search that stands in for a time index: checked against a linear scan.</summary>
public sealed class OffsetForTimeTests
{
    /// <summary>A log as (offset, timestamp) pairs, offsets increasing with gaps, timestamps non-decreasing.</summary>
    private static OffsetForTime.FirstAtOrAfter Probe(IReadOnlyList<(long Offset, long Ts)> log, List<long>? probes = null) => offset =>
    {
        probes?.Add(offset);
        foreach (var record in log)
            if (record.Offset >= offset) return ValueTask.FromResult<(long, long)?>(record);
        return ValueTask.FromResult<(long, long)?>(null);
    };

    private static long? Linear(IReadOnlyList<(long Offset, long Ts)> log, long start, long end, long ts) =>
        log.Where(r => r.Offset >= start && r.Offset < end && r.Ts >= ts).Select(r => (long?)r.Offset).FirstOrDefault();

    [Fact]
    public async Task Finds_the_first_offset_at_or_after_a_time_including_repeated_timestamps()
    {
        (long, long)[] log = [(0, 100), (1, 200), (2, 200), (3, 300)];
        Assert.Equal(0L, await OffsetForTime.SearchAsync(0, 4, 50, Probe(log)));
        Assert.Equal(0L, await OffsetForTime.SearchAsync(0, 4, 100, Probe(log)));
        Assert.Equal(1L, await OffsetForTime.SearchAsync(0, 4, 101, Probe(log)));
        Assert.Equal(1L, await OffsetForTime.SearchAsync(0, 4, 200, Probe(log)));
        Assert.Equal(3L, await OffsetForTime.SearchAsync(0, 4, 250, Probe(log)));
        Assert.Null(await OffsetForTime.SearchAsync(0, 4, 301, Probe(log)));
    }

    [Fact]
    public async Task An_empty_log_and_records_past_the_end_give_no_offset()
    {
        Assert.Null(await OffsetForTime.SearchAsync(5, 5, 0, Probe([])));
        // A record at the end offset (written but not yet part of the log) is not an answer.
        Assert.Null(await OffsetForTime.SearchAsync(0, 2, 150, Probe([(0, 100), (1, 100), (2, 200)])));
    }

    [Fact]
    public async Task Matches_a_linear_scan_over_logs_with_gaps()
    {
        var random = new Random(7);
        for (var round = 0; round < 300; round++)
        {
            var log = new List<(long, long)>();
            long offset = random.Next(0, 5), ts = random.Next(0, 50);
            var count = random.Next(0, 60);
            for (var i = 0; i < count; i++)
            {
                log.Add((offset, ts));
                offset += random.Next(0, 4) == 0 ? random.Next(2, 6) : 1; // compaction leaves gaps
                ts += random.Next(0, 3);
            }
            var start = log.Count > 0 ? log[0].Item1 : offset;
            var end = offset;
            for (var t = -1L; t <= ts + 1; t++)
                Assert.Equal(Linear(log, start, end, t), await OffsetForTime.SearchAsync(start, end, t, Probe(log)));
        }
    }

    [Fact]
    public async Task Probes_grow_with_the_logarithm_of_the_log()
    {
        var log = Enumerable.Range(0, 1_000_000).Select(i => ((long)i, (long)i / 10)).ToArray();
        var probes = new List<long>();
        var found = await OffsetForTime.SearchAsync(0, log.Length, 54_321, offset =>
        {
            probes.Add(offset);
            return ValueTask.FromResult<(long, long)?>(offset < log.Length ? log[offset] : null);
        });
        Assert.Equal(543_210L, found);
        Assert.InRange(probes.Count, 1, 22);
    }
}
