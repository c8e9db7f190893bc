namespace AkLight.Consumer.Monitoring;

/// <summary>The notifiers the options ask for (the webhook, one per WhatsApp recipient), closed together.</summary>
internal sealed class AlertNotifiers : IAsyncDisposable
{
    private AlertNotifiers(IReadOnlyList<AlertNotifier> all) => All = all;

    public IReadOnlyList<AlertNotifier> All { get; }

    public static AlertNotifiers For(MonitorOptions options, Action<string> report)
    {
        var all = new List<AlertNotifier>();
        if (options.Webhook is { } url) all.Add(new WebhookNotifier(url, report));
        // One notifier per recipient: one recipient's failures and retries never hold back or repeat another's.
        if (options.WhatsApp is { } whatsApp)
            all.AddRange(whatsApp.To.Select(to => new AlertNotifier(new TwilioWhatsAppChannel(whatsApp, to), report)));
        return new AlertNotifiers(all);
    }

    /// <summary>Sends what each has queued (each waits a bounded time), then stops them.</summary>
    public async ValueTask DisposeAsync() => await Task.WhenAll(All.Select(n => n.DisposeAsync().AsTask())).ConfigureAwait(false);
}
