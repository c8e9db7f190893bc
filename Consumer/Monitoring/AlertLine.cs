namespace AkLight.Consumer.Monitoring;

/// <summary>
/// An alert as one line of plain output:
/// <c>ALERT FIRING cpu-high h1/web cpu=93.1 (cpu-high: cpu &gt; 80 for 30s clear 70) at 2026-11-25T12:00:01Z</c>,
/// <c>ALERT cleared cpu-high h1/web cpu=42 (...) at ...</c>, <c>ALERT FIRING silence h1/web quiet=15s at ...</c>.
/// </summary>
internal sealed class AlertLine(IReadOnlyList<AlertRule> rules)
{
    private readonly Dictionary<string, AlertRule> _rules = rules.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public string Format(AlertEvent alert) =>
        string.Create(CultureInfo.InvariantCulture,
            $"ALERT {(alert.Firing ? "FIRING" : "cleared")} {alert.Rule} {alert.Host}/{alert.Container} {Detail(alert)} at {alert.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");

    private string Detail(AlertEvent alert)
    {
        if (_rules.TryGetValue(alert.Rule, out var rule) && alert.Value is { } value)
            return string.Create(CultureInfo.InvariantCulture, $"{rule.Metric}={value:0.##} ({rule})");
        if (alert.Rule == SilenceDetector.RuleName && alert.Firing && alert.Value is { } quiet)
            return string.Create(CultureInfo.InvariantCulture, $"quiet={quiet:0}s");
        // Otherwise the event's own words, without the "FIRING rule on host/container: " they start with.
        var colon = alert.Message.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? alert.Message : alert.Message[(colon + 2)..];
    }
}
