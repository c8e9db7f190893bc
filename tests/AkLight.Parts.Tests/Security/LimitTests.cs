namespace AkLight.Parts.Tests.Security;

public sealed class LimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Session_counts_hold_each_session_once_per_principal_and_in_total()
    {
        var counts = new SessionCounts();
        Assert.True(counts.TryAcquire("a1", "a", Now.AddMinutes(1), maxTotal: 3, maxPerPrincipal: 2, Now));
        Assert.True(counts.TryAcquire("a1", "a", Now.AddMinutes(1), 3, 2, Now)); // a renewal is not a new session
        Assert.True(counts.TryAcquire("a2", "a", Now.AddMinutes(1), 3, 2, Now));
        Assert.False(counts.TryAcquire("a3", "a", Now.AddMinutes(1), 3, 2, Now)); // a's own limit
        Assert.True(counts.TryAcquire("b1", "b", Now.AddMinutes(1), 3, 2, Now));
        Assert.False(counts.TryAcquire("b2", "b", Now.AddMinutes(1), 3, 2, Now)); // the total
        counts.Release("a1");
        Assert.True(counts.TryAcquire("b2", "b", Now.AddMinutes(1), 3, 2, Now));
        Assert.Equal(3, counts.Total);
        Assert.Equal(1, counts.Of("a"));
    }

    [Fact]
    public void A_session_that_stops_renewing_stops_counting_when_its_lease_runs_out()
    {
        var counts = new SessionCounts();
        counts.TryAcquire("lost", "a", Now.AddMinutes(1), 1, 1, Now);
        Assert.False(counts.TryAcquire("new", "a", Now.AddMinutes(2), 1, 1, Now.AddSeconds(30)));
        Assert.True(counts.TryAcquire("new", "a", Now.AddMinutes(3), 1, 1, Now.AddMinutes(1)));
        Assert.Equal(0, counts.Of("b"));
    }

    [Fact]
    public void Topic_settings_over_the_limits_are_refused_naming_the_setting()
    {
        var limits = new LimitOptions();
        limits.CheckTopic(new TopicSettings(64, TimeSpan.FromMinutes(1)));
        var partitions = Assert.Throws<LimitExceededException>(() => limits.CheckTopic(new TopicSettings(4096, TimeSpan.FromDays(1))));
        Assert.Equal("AkLight:Limits:MaxPartitionsPerTopic", partitions.Setting);
        Assert.False(partitions.IsQuota);
        var retention = Assert.Throws<LimitExceededException>(() => limits.CheckTopic(new TopicSettings(1, TimeSpan.FromMilliseconds(1))));
        Assert.Contains("AkLight:Limits:MinRetention", retention.Message);
        Assert.Throws<LimitExceededException>(() => limits.CheckFilters(101));
    }

    [Fact]
    public void Limits_out_of_range_are_named_at_start()
    {
        Assert.Null(new LimitOptions().Validate());
        Assert.Contains("MaxSessions must be at least 1", new LimitOptions { MaxSessions = 0 }.Validate());
        Assert.Contains("MaxPartitionsPerTopic must be at most 4096", new LimitOptions { MaxPartitionsPerTopic = 5000 }.Validate());
        Assert.Contains("MinRetention must be positive", new LimitOptions { MinRetention = TimeSpan.Zero }.Validate());
    }
}
