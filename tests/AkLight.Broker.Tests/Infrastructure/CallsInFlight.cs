namespace AkLight.Broker.Tests.Infrastructure;

/// <summary>
/// Counts the test client's calls of one grain method while they are in flight, and the most seen at once, so a
/// test can show a client bounds its own concurrency. Tests of the shared silo run one at a time.
/// </summary>
public sealed class CallsInFlight(string methodName) : IOutgoingGrainCallFilter
{
    private int _now;
    private int _most;

    /// <summary>The most calls in flight at once since the last <see cref="Reset"/>.</summary>
    public int Most => Volatile.Read(ref _most);

    public void Reset() => Volatile.Write(ref _most, 0);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.MethodName != methodName)
        {
            await context.Invoke();
            return;
        }
        var now = Interlocked.Increment(ref _now);
        for (var most = Volatile.Read(ref _most); now > most; most = Volatile.Read(ref _most))
            if (Interlocked.CompareExchange(ref _most, now, most) == most) break;
        try
        {
            await context.Invoke();
        }
        finally
        {
            Interlocked.Decrement(ref _now);
        }
    }
}
