using AkLight.Client.Consuming;

namespace AkLight.Consumer.Monitoring;

/// <summary>
/// <c>monitor</c>: consumes container metrics and events, keeps the container table, raises threshold, event and silence alerts
/// and sends them to the view, the alerts topic and the webhook, until a shutdown signal. Three loops run
/// side by side: consuming (committing after each batch), the clock check (silence, event alerts) every second, and the view.
/// </summary>
internal static class MonitorCommand
{
    /// <summary>How often silence, event alerts' quiet periods and windows are checked, against the wall clock.</summary>
    public static readonly TimeSpan ClockCheck = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(MonitorOptions options, IMonitorView view, CancellationToken shutdown)
    {
        await using var connection = await BrokerConnector.ConnectAsync(options.Brokers, shutdown).ConfigureAwait(false);
        // A new monitor shows what happens from now on; a persistent one resumes after its last commit.
        var session = await ConsumerSession.OpenAsync(connection.Grains, options.SessionId,
            new SessionOptions(options.Filters, options.Persistent, StartPosition.Latest)).ConfigureAwait(false);

        var engine = new MonitorEngine(options.Rules, options.SilenceIntervals);
        await using var publisher = new AlertPublisher(connection.Grains, view.Notice);
        await using var notifiers = AlertNotifiers.For(options, view.Notice);
        var alerts = new AlertDispatcher(view, publisher, notifiers.All);
        // The engine is a plain type: the consume and silence loops take turns; alerts go out in the order raised.
        var gate = new object();
        view.Started(Describe(options));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        Task[] loops =
        [
            ConsumeAsync(session, engine, alerts, gate, stop.Token),
            CheckClockAsync(engine, alerts, gate, stop.Token),
            view.RunAsync(() => { lock (gate) return engine.Table.Snapshot(); }, stop.Token),
        ];
        await Task.WhenAny(loops).ConfigureAwait(false); // a signal ends them all; so does any loop failing
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by Ctrl+C or SIGTERM.
        }

        await session.CommitAsync().ConfigureAwait(false); // what was processed since the last batch's commit
        if (!options.Persistent) await CloseQuietlyAsync(session).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task ConsumeAsync(ConsumerSession session, MonitorEngine engine, AlertDispatcher alerts, object gate, CancellationToken stop)
    {
        await foreach (var message in session.ConsumeAsync(autoCommit: true, stop).ConfigureAwait(false))
        {
            lock (gate) alerts.Dispatch(engine.Observe(message, DateTimeOffset.UtcNow));
        }
    }

    private static async Task CheckClockAsync(MonitorEngine engine, AlertDispatcher alerts, object gate, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ClockCheck);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            lock (gate) alerts.Dispatch(engine.CheckClock(DateTimeOffset.UtcNow));
        }
    }

    /// <summary>The first line: what is watched and how, so a log shows the settings in force.</summary>
    public static string Describe(MonitorOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"monitoring {string.Join(',', options.Filters)} as session {options.SessionId} ({(options.Persistent ? "persistent" : "not persistent")}); " +
        $"{options.Rules.Count} rule(s) from {options.RulesSource}: {string.Join("; ", options.Rules.Describe())}; " +
        $"silence after {options.SilenceIntervals} missed intervals{(options.Webhook is { } url ? $"; webhook {url.GetLeftPart(UriPartial.Path)}" : "")}" +
        $"{(options.WhatsApp is { } whatsApp ? $"; WhatsApp to {string.Join(", ", whatsApp.To)} via Twilio" : "")}");

    /// <summary>A throwaway session is closed so the broker stops tracking it; failing to is not the caller's problem.</summary>
    private static async Task CloseQuietlyAsync(ConsumerSession session)
    {
        try
        {
            await session.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The broker forgets a non-persistent session with its silo anyway.
        }
    }
}
