using Spectre.Console;
using Spectre.Console.Rendering;

namespace AkLight.Consumer.Monitoring;

/// <summary>
/// The terminal view: a table of containers redrawn in place every <see cref="Refresh"/>, and under it the
/// latest alert events and problems. Problems also go to standard error when that is not the same terminal.
/// </summary>
internal sealed class LiveTableView(IAnsiConsole console, TextWriter errors, AlertLine lines) : IMonitorView
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private const int RecentEvents = 10;

    private readonly Queue<(string Text, string Style)> _recent = new();
    private string _description = "";

    public void Started(string description)
    {
        lock (_recent) _description = description;
    }

    public void Alert(AlertEvent alert) => Remember(lines.Format(alert), alert.Firing ? "red" : "green");

    public void Notice(string message)
    {
        Remember($"warning: {message}", "yellow");
        if (Console.IsErrorRedirected)
        {
            lock (errors) errors.WriteLine($"warning: {message}");
        }
    }

    public async Task RunAsync(Func<TableSnapshot> snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await console.Live(Render(snapshot(), DateTimeOffset.UtcNow)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis)
                .StartAsync(async live =>
                {
                    using var timer = new PeriodicTimer(Refresh);
                    while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                    {
                        live.UpdateTarget(Render(snapshot(), DateTimeOffset.UtcNow));
                        live.Refresh();
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Remember(string text, string style)
    {
        lock (_recent)
        {
            _recent.Enqueue((text, style));
            while (_recent.Count > RecentEvents) _recent.Dequeue();
        }
    }

    private IRenderable Render(TableSnapshot snapshot, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        foreach (var header in new[] { "host", "container", "producer", "cpu", "memory", "net rx / tx", "blkio r / w", "restarts", "state", "last seen", "alerts" })
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        foreach (var row in snapshot.Containers)
        {
            var style = row.Alerts.Count > 0 ? new Style(Color.Red) : row.Stopped ? new Style(Color.Grey) : Style.Plain;
            table.AddRow(new IRenderable[]
            {
                new Text(row.Host, style),
                new Text(row.Container, style),
                new Text(CellText.Producer(row), row.ProducerSilent ? new Style(Color.Red) : style),
                new Text(CellText.Cpu(row), style),
                new Text(CellText.Memory(row), style),
                new Text(CellText.Pair(row, MetricNames.NetRx, MetricNames.NetTx), style),
                new Text(CellText.Pair(row, MetricNames.BlockRead, MetricNames.BlockWrite), style),
                new Text(CellText.Restarts(row), style),
                new Text(CellText.State(row), style),
                new Text(CellText.Ago(row.LastSeen, now), style),
                new Text(CellText.Alerts(row), style),
            });
        }
        if (snapshot.Containers.Count == 0) table.Caption("waiting for metrics...");

        var parts = new List<IRenderable>();
        string description;
        (string Text, string Style)[] recent;
        lock (_recent)
        {
            description = _description;
            recent = _recent.ToArray();
        }
        var stopped = snapshot.Containers.Count(c => c.Stopped);
        parts.Add(new Text(description, new Style(Color.Grey)));
        parts.Add(new Text(string.Create(CultureInfo.InvariantCulture,
            $"{now.UtcDateTime:HH:mm:ss}Z  {snapshot.Containers.Count} container(s) ({stopped} stopped), {snapshot.Producers.Count} producer(s), {snapshot.FiringAlerts.Count()} alert(s) firing")));
        parts.Add(table);
        foreach (var (text, style) in recent) parts.Add(new Text(text, Style.Parse(style)));
        return new Rows(parts);
    }
}
