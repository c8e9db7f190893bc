namespace AkLight.Parts.Tests.Monitoring;

public sealed class SilenceDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_source_quiet_for_n_of_its_intervals_raises_one_alarm_and_clears_when_data_returns()
    {
        var detector = new SilenceDetector(missedIntervals: 3);
        detector.Observe("h1", "producer1", T0, TimeSpan.FromSeconds(5));
        Assert.Empty(detector.Check(T0.AddSeconds(14)));
        var fired = Assert.Single(detector.Check(T0.AddSeconds(15)));
        Assert.True(fired.Firing);
        Assert.Equal("alerts/h1/producer1/silence", fired.Topic);
        Assert.Empty(detector.Check(T0.AddSeconds(60))); // once, not on every check

        var cleared = detector.Observe("h1", "producer1", T0.AddSeconds(61));
        Assert.NotNull(cleared);
        Assert.False(cleared.Firing);
        Assert.Null(detector.Observe("h1", "producer1", T0.AddSeconds(62)));
    }

    [Fact]
    public void Each_source_is_measured_in_its_own_interval()
    {
        var detector = new SilenceDetector(missedIntervals: 2);
        detector.Observe("h", "fast", T0, TimeSpan.FromSeconds(1));
        detector.Observe("h", "slow", T0, TimeSpan.FromSeconds(30));
        Assert.Equal(["fast"], detector.Check(T0.AddSeconds(10)).Select(e => e.Container));
        Assert.Equal(["slow"], detector.Check(T0.AddSeconds(60)).Select(e => e.Container));
    }

    [Fact]
    public void A_forgotten_source_raises_nothing()
    {
        var detector = new SilenceDetector();
        detector.Observe("h", "stopped-container", T0);
        detector.Forget("h", "stopped-container");
        Assert.Empty(detector.Check(T0.AddHours(1)));
    }
}
