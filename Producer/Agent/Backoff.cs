namespace AkLight.Producer.Agent;

/// <summary>Delays between retries that double from <paramref name="initial"/> up to <paramref name="max"/>, back to the start after a success.</summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private readonly TimeSpan _initial = initial;
    private TimeSpan _next = initial;

    /// <summary>0.5 s doubling to 10 s: a restarting broker is found within seconds, a dead one is not hammered.</summary>
    public static Backoff ForDelivery() => new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    /// <summary>The delay to wait now; the one after is twice as long, up to the maximum.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, max.Ticks));
        return delay;
    }

    public void Reset() => _next = _initial;
}
