using AkLight.Monitoring.Alerts;

namespace AkLight.Consumer.Monitoring;

/// <summary>Sends every alert event to the view, the alerts topic and, when configured, the webhook; none of them waits.</summary>
internal sealed class AlertDispatcher(IMonitorView view, AlertPublisher publisher, WebhookNotifier? webhook)
{
    public void Dispatch(IReadOnlyList<AlertEvent> alerts)
    {
        foreach (var alert in alerts)
        {
            view.Alert(alert);
            publisher.Publish(alert);
            webhook?.Notify(alert);
        }
    }
}
