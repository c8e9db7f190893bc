namespace AkLight.Parts.Tests.Consumer;

public sealed class ContainerTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static MetricReading Reading(double? value, string? unit = null, string? producer = "agent-1", string? state = null, string? health = null) =>
        new() { Value = value, Unit = unit, Producer = producer, State = state, Health = health, IntervalSeconds = 5 };

    [Fact]
    public void Keeps_the_newest_reading_of_each_metric_per_container_by_reading_time()
    {
        var table = new ContainerTable();
        table.Record("h1", "web", "cpu", Reading(10), T0, T0);
        table.Record("h1", "web", "cpu", Reading(30), T0.AddSeconds(10), T0.AddSeconds(10));
        table.Record("h1", "web", "cpu", Reading(20), T0.AddSeconds(5), T0.AddSeconds(11)); // late, older
        table.Record("h1", "web", "memory.percent", Reading(55, "%"), T0.AddSeconds(10), T0.AddSeconds(12));
        table.Record("h1", "db", "cpu", Reading(1), T0, T0);

        var snapshot = table.Snapshot();

        Assert.Equal(["db", "web"], snapshot.Containers.Select(c => c.Container)); // sorted
        var web = snapshot.Containers[1];
        Assert.Equal(30, web.Value("cpu"));
        Assert.Equal(55, web.Value("memory.percent"));
        Assert.Null(web.Value("net.rx"));
        Assert.Equal("agent-1", web.Producer);
        Assert.Equal(T0.AddSeconds(12), web.LastSeen); // the monitor's clock: when it last heard of it
        Assert.Equal(["agent-1"], snapshot.Producers.Select(p => p.Producer));
    }

    [Fact]
    public void Same_container_name_on_two_hosts_is_two_rows()
    {
        var table = new ContainerTable();
        table.Record("h1", "web", "cpu", Reading(1), T0, T0);
        table.Record("h2", "web", "cpu", Reading(2), T0, T0);

        Assert.Equal([("h1", 1.0), ("h2", 2.0)], table.Snapshot().Containers.Select(c => (c.Host, c.Value("cpu")!.Value)));
    }

    [Fact]
    public void A_stopped_status_marks_the_container_stopped_and_a_newer_reading_running_again()
    {
        var table = new ContainerTable();
        Assert.Equal(ReadingEffect.Live, table.Record("h1", "web", "status", Reading(null, state: "running", health: "healthy"), T0, T0));
        Assert.Equal("running", table.Snapshot().Containers[0].State);

        Assert.Equal(ReadingEffect.Stopped, table.Record("h1", "web", "status", Reading(null, state: "stopped"), T0.AddSeconds(10), T0.AddSeconds(10)));
        var stopped = table.Snapshot().Containers[0];
        Assert.True(stopped.Stopped);
        Assert.Equal("healthy", stopped.Health); // the last health reported stays

        // A reading from before the stop that came late through another topic changes nothing.
        Assert.Equal(ReadingEffect.Late, table.Record("h1", "web", "cpu", Reading(50), T0.AddSeconds(9), T0.AddSeconds(11)));
        Assert.True(table.Snapshot().Containers[0].Stopped);
        Assert.Null(table.Snapshot().Containers[0].Value("cpu"));

        Assert.Equal(ReadingEffect.Live, table.Record("h1", "web", "cpu", Reading(5), T0.AddSeconds(20), T0.AddSeconds(20)));
        Assert.Equal("running", table.Snapshot().Containers[0].State);
        Assert.False(table.Snapshot().Containers[0].Stopped);
    }

    [Fact]
    public void A_stop_announcement_older_than_the_newest_reading_is_late()
    {
        var table = new ContainerTable();
        table.Record("h1", "web", "cpu", Reading(5), T0.AddSeconds(20), T0.AddSeconds(20));

        Assert.Equal(ReadingEffect.Late, table.Record("h1", "web", "status", Reading(null, state: "stopped"), T0.AddSeconds(10), T0.AddSeconds(21)));
        Assert.False(table.Snapshot().Containers[0].Stopped);
    }

    [Fact]
    public void Alerts_fire_and_clear_on_their_container_and_producer_silence_on_the_producer()
    {
        var table = new ContainerTable();
        table.Record("h1", "web", "cpu", Reading(95), T0, T0);
        table.Apply(new AlertEvent("cpu-high", "h1", "web", true, 95, T0, "x"));
        table.Apply(new AlertEvent("silence", "h1", "web", true, 15, T0, "x"));
        table.Apply(new AlertEvent("silence", "h1", "agent-1", true, 15, T0, "x"));

        var row = table.Snapshot().Containers.Single();
        Assert.Equal(["cpu-high", "silence"], row.Alerts);
        Assert.True(row.ProducerSilent);
        Assert.True(table.Snapshot().Producers.Single().Silent);
        Assert.True(table.IsFiring("h1", "web", "cpu-high"));

        table.Apply(new AlertEvent("cpu-high", "h1", "web", false, 20, T0, "x"));
        table.Apply(new AlertEvent("silence", "h1", "agent-1", false, null, T0, "x"));

        row = table.Snapshot().Containers.Single();
        Assert.Equal(["silence"], row.Alerts);
        Assert.False(row.ProducerSilent);
        Assert.Equal([("h1/web", "silence")], table.Snapshot().FiringAlerts);
    }

    [Fact]
    public void Stopped_containers_are_pruned_after_a_while_but_running_ones_stay()
    {
        var table = new ContainerTable();
        table.Record("h1", "gone", "status", Reading(null, producer: "old-agent", state: "stopped"), T0, T0);
        table.Record("h1", "web", "cpu", Reading(1), T0, T0);

        table.PruneStopped(T0.AddMinutes(5), TimeSpan.FromMinutes(10));
        Assert.Equal(2, table.Snapshot().Containers.Count);

        table.PruneStopped(T0.AddMinutes(11), TimeSpan.FromMinutes(10));
        Assert.Equal(["web"], table.Snapshot().Containers.Select(c => c.Container));
        Assert.Equal(["agent-1"], table.Snapshot().Producers.Select(p => p.Producer)); // nothing left reports through old-agent
    }

    [Fact]
    public void Two_producers_reporting_one_container_both_stay_listed()
    {
        var table = new ContainerTable();
        table.Record("h1", "h1", "cpu", Reading(1, producer: "producer1"), T0, T0);
        table.Record("h1", "h1", "cpu", Reading(2, producer: "producer2"), T0, T0);

        table.PruneStopped(T0.AddSeconds(10), TimeSpan.FromMinutes(10));

        Assert.Equal(["producer1", "producer2"], table.Snapshot().Producers.Select(p => p.Producer));
    }

    [Fact]
    public void A_snapshot_does_not_change_with_later_readings()
    {
        var table = new ContainerTable();
        table.Record("h1", "web", "cpu", Reading(1), T0, T0);
        var before = table.Snapshot();

        table.Record("h1", "web", "cpu", Reading(2), T0.AddSeconds(1), T0.AddSeconds(1));
        table.Apply(new AlertEvent("cpu-high", "h1", "web", true, 2, T0, "x"));

        Assert.Equal(1, before.Containers[0].Value("cpu"));
        Assert.Empty(before.Containers[0].Alerts);
    }
}
