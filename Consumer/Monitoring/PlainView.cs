namespace AkLight.Consumer.Monitoring;

/// <summary>
/// Plain output, for pipes, logs and <c>--plain</c>: one line per alert event (<see cref="AlertLine"/>) as it
/// happens and a <see cref="SummaryLine"/> every <paramref name="summaryEvery"/>; problems go to standard error.
/// </summary>
internal sealed class PlainView(TextWriter output, TextWriter errors, AlertLine lines, TimeSpan summaryEvery) : IMonitorView
{
    /// <summary>The usual time between two summary lines.</summary>
    public static readonly TimeSpan DefaultSummaryEvery = TimeSpan.FromSeconds(10);

    public void Started(string description) => WriteLine(output, description);

    public void Alert(AlertEvent alert) => WriteLine(output, lines.Format(alert));

    public void Notice(string message) => WriteLine(errors, $"warning: {message}");

    public async Task RunAsync(Func<TableSnapshot> snapshot, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(summaryEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                WriteLine(output, SummaryLine.Format(snapshot(), DateTimeOffset.UtcNow));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Whole lines, flushed at once: readers of a pipe see each event when it happens.</summary>
    private static void WriteLine(TextWriter writer, string line)
    {
        lock (writer)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
