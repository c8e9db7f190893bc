namespace AkLight.Monitoring.Alerts;

/// <summary>An alert firing or clearing, for one container (or one producer, for silence alarms).</summary>
public sealed record class AlertEvent(
    string Rule,
    string Host,
    string Container,
    bool Firing,
    double? Value,
    DateTimeOffset At,
    string Message)
{
    /// <summary>Where the alert is published: <c>alerts/{host}/{container}/{rule}</c>.</summary>
    public string Topic => Metrics.MetricTopics.Alert(Host, Container, Rule);
}
