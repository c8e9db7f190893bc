using AkLight.Bench.Ceiling;
using AkLight.Bench.Matrix;
using AkLight.Bench.Scale;

namespace AkLight.Bench.Report;

/// <summary>Everything one bench run measured, and what it could not.</summary>
internal sealed class BenchReport(BenchOptions options, MachineInfo machine, string commandLine)
{
    public BenchOptions Options { get; } = options;

    public MachineInfo Machine { get; } = machine;

    public string CommandLine { get; } = commandLine;

    public DateTimeOffset Started { get; } = DateTimeOffset.Now;

    public TimeSpan Elapsed { get; set; }

    /// <summary>/proc/loadavg at the start and the end: other work on the machine competes for its cores.</summary>
    public string LoadAtStart { get; } = LoadAverage();

    public string LoadAtEnd { get; set; } = "";

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public Dictionary<string, TargetRuns> Targets { get; } = [];

    public List<CopyResult> Copy { get; } = [];

    public List<Bulk.BulkResult> Bulk { get; } = [];

    public ScaleReport? Scale { get; set; }

    public List<ReactivationResult> Reactivation { get; } = [];

    public Failover.FailoverResult? Failover { get; set; }

    /// <summary>Scenario → why it did not run (or failed).</summary>
    public Dictionary<string, string> Skipped { get; } = [];

    /// <summary>Every run, warm-ups and topic creation included: each must have lost nothing.</summary>
    public IEnumerable<RunResult> AllRuns =>
        Targets.Values.SelectMany(t => t.Runs.Append(t.Warmup)).Concat(Scale?.AllRuns ?? []);

    public long TotalLost => AllRuns.Sum(r => r.Counts.Lost) + Bulk.Sum(b => b.Lost);
}
