namespace AkLight.Parts.Tests.Consumer;

public sealed class PlainOutputTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 1, TimeSpan.Zero);

    private readonly AlertLine _lines = new(RuleSet.Parse("cpu > 80 for 30s clear 70", "test").Thresholds);

    [Fact]
    public void A_threshold_alert_line_names_state_rule_container_metric_and_value()
    {
        Assert.Equal("ALERT FIRING cpu-high h1/web cpu=93.14 (cpu-high: cpu > 80 for 30s clear 70) at 2026-11-25T12:00:01Z",
            _lines.Format(new AlertEvent("cpu-high", "h1", "web", true, 93.141, T0, "FIRING ...")));
        Assert.StartsWith("ALERT cleared cpu-high h1/web cpu=65 ",
            _lines.Format(new AlertEvent("cpu-high", "h1", "web", false, 65, T0, "cleared ...")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_silence_alert_line_says_how_long_it_was_quiet_or_why_it_cleared()
    {
        var detector = new SilenceDetector(3);
        detector.Observe("h1", "web", T0, TimeSpan.FromSeconds(1));
        var fired = detector.Check(T0.AddSeconds(4)).Single();
        var cleared = detector.Observe("h1", "web", T0.AddSeconds(5))!;

        Assert.Equal("ALERT FIRING silence h1/web quiet=4s at 2026-11-25T12:00:05Z", _lines.Format(fired));
        Assert.Equal("ALERT cleared silence h1/web reporting again at 2026-11-25T12:00:06Z", _lines.Format(cleared));
    }

    [Fact]
    public void An_event_alert_line_says_what_the_container_did()
    {
        var evaluator = new EventRuleEvaluator([EventRule.Parse("crash: event die exitCode != 0")]);
        var die = new AkLight.Monitoring.Events.ContainerEvent { Action = "die", ExitCode = 137, Time = T0, ContainerId = "id", Container = "web" };

        var fired = evaluator.Observe("h1", "web", die).Single();

        Assert.Equal("ALERT FIRING crash h1/web die exitCode=137 (crash: event die exitCode != 0) at 2026-11-25T12:00:01Z", _lines.Format(fired));
    }

    [Fact]
    public void The_summary_line_counts_containers_producers_and_names_what_fires()
    {
        var table = new ContainerTable();
        table.Record("h1", "web", "cpu", new MetricReading { Value = 95, Producer = "agent" }, T0, T0);
        table.Record("h1", "db", "status", new MetricReading { State = "stopped", Producer = "agent" }, T0, T0);
        table.Apply(new AlertEvent("cpu-high", "h1", "web", true, 95, T0, ""));
        table.Apply(new AlertEvent("silence", "h1", "web", true, 5, T0, ""));

        Assert.Equal("SUMMARY 2026-11-25T12:00:01Z containers=2 running=1 stopped=1 producers=1 alerts=2 firing: h1/web cpu-high,silence",
            SummaryLine.Format(table.Snapshot(), T0));
    }

    [Fact]
    public void Cells_show_amounts_in_their_units_and_dashes_for_what_was_not_reported()
    {
        var table = new ContainerTable();
        table.Record("h1", "web", MetricNames.Memory, new MetricReading { Value = 128 * 1024 * 1024, Unit = "B" }, T0, T0);
        table.Record("h1", "web", MetricNames.MemoryLimit, new MetricReading { Value = 512 * 1024 * 1024 }, T0, T0);
        table.Record("h1", "web", MetricNames.NetRx, new MetricReading { Value = 1536, Unit = "B/s" }, T0, T0);
        table.Record("h1", "web", "status", new MetricReading { State = "running", Health = "healthy", Producer = "agent" }, T0, T0);
        var row = table.Snapshot().Containers.Single();

        Assert.Equal("128.0 MiB / 512.0 MiB (25.0%)", CellText.Memory(row)); // percentage computed when not reported
        Assert.Equal("1.5 KiB/s / -", CellText.Pair(row, MetricNames.NetRx, MetricNames.NetTx));
        Assert.Equal("-", CellText.Pair(row, MetricNames.BlockRead, MetricNames.BlockWrite));
        Assert.Equal("-", CellText.Cpu(row));
        Assert.Equal("running (healthy)", CellText.State(row));
        Assert.Equal("agent", CellText.Producer(row));
        Assert.Equal("7s ago", CellText.Ago(T0, T0.AddSeconds(7)));
        Assert.Equal("3m ago", CellText.Ago(T0, T0.AddMinutes(3)));
    }
}
