namespace AkLight.Consumer.Monitoring;

/// <summary>Sends every alert event to the view, the alerts topic and the configured notifiers (webhook, WhatsApp); none of them waits.</summary>
internal sealed class AlertDispatcher(IMonitorView view, AlertPublisher publisher, IReadOnlyList<AlertNotifier> notifiers)
{
    public void Dispatch(IReadOnlyList<AlertEvent> alerts)
    {
        foreach (var alert in alerts)
        {
            view.Alert(alert);
            publisher.Publish(alert);
            foreach (var notifier in notifiers) notifier.Notify(alert);
        }
    }
}
