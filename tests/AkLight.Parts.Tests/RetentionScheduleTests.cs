namespace AkLight.Parts.Tests;

public sealed class RetentionScheduleTests
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(2, 1)]          // a quarter would be 0.5 s: clamped up to the floor
    [InlineData(8, 2)]          // a quarter
    [InlineData(600, 150)]
    [InlineData(86400, 300)]    // a day: clamped down to the ceiling
    public void Checks_every_quarter_of_the_retention_within_the_bounds(int retentionSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetentionSchedule.CheckPeriod(TimeSpan.FromSeconds(retentionSeconds), Min, Max));

    [Fact]
    public void The_cutoff_is_now_minus_the_retention()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddHours(-1), RetentionSchedule.Cutoff(now, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_retention_longer_than_all_time_deletes_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(DateTimeOffset.MinValue, RetentionSchedule.Cutoff(now, TimeSpan.MaxValue));
    }
}
