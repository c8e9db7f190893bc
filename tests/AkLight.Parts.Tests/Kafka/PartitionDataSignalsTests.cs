using AkLight.Grains.Kafka;

namespace AkLight.Parts.Tests.Kafka;

public sealed class PartitionDataSignalsTests
{
    private static readonly TopicPartition A = new("logs/a", 0);
    private static readonly TopicPartition B = new("logs/b", 1);

    [Fact]
    public async Task A_pulse_of_any_armed_partition_completes_the_wait_disarms_it_and_says_which_partition_woke_it()
    {
        var signals = new PartitionDataSignals();
        using var wait = signals.Arm([A, B]);
        Assert.Null(wait.Pulsed);
        signals.Pulse(B);
        signals.Pulse(A); // after the first pulse the wait is no longer armed: the first one is what woke it
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System));
        Assert.Equal(B, wait.Pulsed);
        Assert.Equal(0, signals.Armed);
    }

    [Fact]
    public async Task A_pulse_of_another_partition_leaves_the_wait_to_time_out()
    {
        var signals = new PartitionDataSignals();
        using var wait = signals.Arm([A]);
        signals.Pulse(B);
        Assert.False(await wait.WaitAsync(TimeSpan.FromMilliseconds(20), TimeProvider.System));
        Assert.Equal(1, signals.Armed);
    }

    [Fact]
    public void A_disposed_wait_is_disarmed()
    {
        var signals = new PartitionDataSignals();
        signals.Arm([A, B]).Dispose();
        Assert.Equal(0, signals.Armed);
    }
}
