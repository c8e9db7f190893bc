namespace AkLight.Producer.Stress;

/// <summary>Busy loops on dedicated threads, one CPU each, until stopped.</summary>
internal sealed class CpuLoad : IDisposable
{
    private readonly Thread[] _threads;
    private volatile bool _stop;

    public CpuLoad(int workers)
    {
        _threads = Enumerable.Range(0, workers).Select(i => new Thread(Spin) { IsBackground = true, Name = $"stress-cpu-{i}" }).ToArray();
        foreach (var thread in _threads) thread.Start();
    }

    private void Spin()
    {
        // Cheap arithmetic the JIT cannot drop, checking the flag between short bursts.
        var x = 1.0;
        while (!_stop)
        {
            for (var i = 0; i < 100_000; i++) x = x * 1.000001 + 0.000001;
            if (double.IsInfinity(x)) x = 1.0;
        }
    }

    /// <summary>Stops the loops and waits for their threads to end.</summary>
    public void Dispose()
    {
        _stop = true;
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(5));
    }
}
