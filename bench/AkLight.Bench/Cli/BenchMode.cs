namespace AkLight.Bench.Cli;

/// <summary>What the bench runs.</summary>
internal enum BenchMode
{
    /// <summary>AKLight embedded only, a few seconds, one result line; exits non-zero on loss. For CI.</summary>
    Smoke,
    /// <summary>The whole matrix with short runs and small scale figures: checks the harness end to end.</summary>
    Quick,
    /// <summary>The whole matrix as BENCHMARKS.md reports it.</summary>
    Full,
}
