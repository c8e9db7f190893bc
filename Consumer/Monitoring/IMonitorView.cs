namespace AkLight.Consumer.Monitoring;

/// <summary>What the monitor shows: a live table on a terminal, or plain lines for logs and pipes.</summary>
internal interface IMonitorView
{
    /// <summary>Shows what is being monitored, once the session is open.</summary>
    void Started(string description);

    /// <summary>Shows an alert firing or clearing.</summary>
    void Alert(AlertEvent alert);

    /// <summary>Reports a problem that does not stop the monitor (an alert not delivered, say).</summary>
    void Notice(string message);

    /// <summary>Keeps the view up to date from <paramref name="snapshot"/> until cancelled.</summary>
    Task RunAsync(Func<TableSnapshot> snapshot, CancellationToken cancellationToken);
}
