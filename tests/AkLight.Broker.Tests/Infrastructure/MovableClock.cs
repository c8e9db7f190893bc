namespace AkLight.Broker.Tests.Infrastructure;

/// <summary>
/// The silo's clock in these tests: real time plus an offset the test can move forward, so a test about
/// retention makes its messages an hour old at once instead of sleeping. Timers stay on real time, so
/// everything that waits (leases, member timeouts, long polls) behaves as in production.
/// </summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward by <paramref name="by"/>; it never goes back.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
