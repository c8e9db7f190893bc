namespace AkLight.Bench.Scale;

/// <summary>
/// One silo at one topic count: its resident memory, its CPU while nothing is sent, how fast the topics were
/// created, and the runs on the few active topics with a wildcard consumer over all of them.
/// </summary>
internal sealed record ScaleStep(
    string Deployment,
    int Topics,
    long? SiloRssBytes,
    double IdleSiloCores,
    double? FillTopicsPerSecond,
    RunResult? Fill,
    IReadOnlyList<RunResult> ActiveRuns);

/// <summary>The idle-topics and memory scenario: a baseline silo with only the active topics, then one silo grown step by step.</summary>
internal sealed record ScaleReport(int ActiveTopics, ScaleStep Baseline, RunResult ActiveFill, IReadOnlyList<ScaleStep> Steps)
{
    /// <summary>Every run of the scenario, for the loss count.</summary>
    public IEnumerable<RunResult> AllRuns =>
        Steps.Prepend(Baseline).SelectMany(s => s.ActiveRuns.Concat(s.Fill is null ? [] : [s.Fill])).Append(ActiveFill);
}
