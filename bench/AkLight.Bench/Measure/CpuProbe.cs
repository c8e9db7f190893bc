namespace AkLight.Bench.Measure;

/// <summary>Average cores used over an interval by the broker's processes and by the bench itself.</summary>
internal sealed class CpuProbe
{
    private readonly IReadOnlyList<int> _brokerPids;
    private readonly double _brokerStart;
    private readonly TimeSpan _benchStart;
    private readonly long _wallStart;

    private CpuProbe(IReadOnlyList<int> brokerPids)
    {
        _brokerPids = brokerPids;
        _brokerStart = BrokerSeconds();
        _benchStart = Process.GetCurrentProcess().TotalProcessorTime;
        _wallStart = Stopwatch.GetTimestamp();
    }

    public static CpuProbe Start(IReadOnlyList<int> brokerPids) => new(brokerPids);

    /// <summary>(broker cores, bench cores) averaged since <see cref="Start"/>.</summary>
    public (double Broker, double Bench) Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_wallStart).TotalSeconds;
        if (wall <= 0) return (0, 0);
        var broker = (BrokerSeconds() - _brokerStart) / wall;
        var bench = (Process.GetCurrentProcess().TotalProcessorTime - _benchStart).TotalSeconds / wall;
        return (broker, bench);
    }

    private double BrokerSeconds() => _brokerPids.Sum(ProcStats.CpuSecondsWithChildren);
}
