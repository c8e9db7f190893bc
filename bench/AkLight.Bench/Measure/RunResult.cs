namespace AkLight.Bench.Measure;

/// <summary>One row of the results: a target, a run, its counts, the CPU it took and what the broker's collector did.</summary>
internal sealed record RunResult(
    string Target,
    string Label,
    RunSpec Spec,
    RunCounts Counts,
    double BrokerCores,
    double BenchCores,
    long Strays,
    string? DrainProblem,
    string? FirstError,
    string? ClientExceptions = null,
    RuntimeFigures? Runtime = null)
{
    public bool FullSpeed => Spec.RatePerSecond is null;

    /// <summary>Nothing acknowledged was lost, nothing failed, the consumer caught up.</summary>
    public bool Clean => Counts.Lost == 0 && Counts.Failed == 0 && DrainProblem is null && Counts.Received > 0;
}
