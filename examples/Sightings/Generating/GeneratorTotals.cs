namespace AkLight.Examples.Sightings.Generating;

/// <summary>What a generator run sent and the broker acknowledged.</summary>
/// <param name="SightingsByRegion">Sightings per region, every region of the catalog (0 when none).</param>
/// <param name="EndOffsets">For every partition written to, the offset after the last message written: a group that has committed this far has handled everything.</param>
internal sealed record class GeneratorTotals(
    IReadOnlyDictionary<string, int> SightingsByRegion,
    int Logins,
    int Logoffs,
    int OnlineAtEnd,
    IReadOnlyDictionary<TopicPartition, long> EndOffsets)
{
    public int Sightings => SightingsByRegion.Values.Sum();

    /// <summary>The generator's closing line, which the README and the end-to-end test read.</summary>
    public string Describe() =>
        $"generator: sent {Sightings} sightings ({Counts.Format(SightingsByRegion)}), {Logins} logins, {Logoffs} logoffs; {OnlineAtEnd} online at the end";
}
