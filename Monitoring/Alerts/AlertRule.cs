using System.Globalization;
using System.Text.RegularExpressions;

namespace AkLight.Monitoring.Alerts;

/// <summary>Comparison of a metric with a threshold.</summary>
public enum Comparison { Above, AtLeast, Below, AtMost }

/// <summary>
/// A threshold rule such as <c>cpu &gt; 80 for 30s</c> or <c>high-mem: memory.percent &gt;= 90 for 1m clear 80</c>.
/// It fires once the condition has held for <see cref="For"/>, and clears once the value is back past
/// <see cref="ClearThreshold"/> (default: the threshold) for <see cref="For"/> too: that band and delay are the hysteresis.
/// </summary>
public sealed partial record class AlertRule(string Name, string Metric, Comparison Comparison, double Threshold, TimeSpan For, double ClearThreshold)
{
    /// <summary>True when <paramref name="value"/> breaches the threshold.</summary>
    public bool Breached(double value) => Comparison switch
    {
        Comparison.Above => value > Threshold,
        Comparison.AtLeast => value >= Threshold,
        Comparison.Below => value < Threshold,
        _ => value <= Threshold,
    };

    /// <summary>True when <paramref name="value"/> is back on the healthy side of the clear threshold.
    /// With the clear threshold equal to the threshold this is exactly "not breached".</summary>
    public bool Recovered(double value) => Comparison switch
    {
        Comparison.Above => value <= ClearThreshold,
        Comparison.AtLeast => value < ClearThreshold,
        Comparison.Below => value >= ClearThreshold,
        _ => value > ClearThreshold,
    };

    public override string ToString() =>
        $"{Name}: {Metric} {Symbol} {Threshold.ToString(CultureInfo.InvariantCulture)}" +
        (For > TimeSpan.Zero ? $" for {For.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s" : "") +
        (ClearThreshold != Threshold ? $" clear {ClearThreshold.ToString(CultureInfo.InvariantCulture)}" : "");

    private string Symbol => Comparison switch { Comparison.Above => ">", Comparison.AtLeast => ">=", Comparison.Below => "<", _ => "<=" };

    /// <summary>Parses one rule line; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static AlertRule Parse(string line)
    {
        var match = RuleSyntax().Match(line.Trim());
        if (!match.Success)
            throw new FormatException($"rule '{line.Trim()}' is not '[name:] metric (>|>=|<|<=) number [for 30s] [clear number]'");
        var metric = match.Groups["metric"].Value;
        var comparison = match.Groups["op"].Value switch { ">" => Comparison.Above, ">=" => Comparison.AtLeast, "<" => Comparison.Below, _ => Comparison.AtMost };
        var threshold = double.Parse(match.Groups["threshold"].Value, CultureInfo.InvariantCulture);
        var duration = match.Groups["for"].Success ? ParseDuration(match.Groups["for"].Value) : TimeSpan.Zero;
        var clear = match.Groups["clear"].Success ? double.Parse(match.Groups["clear"].Value, CultureInfo.InvariantCulture) : threshold;
        var name = match.Groups["name"].Success ? match.Groups["name"].Value : $"{metric}-{(comparison is Comparison.Above or Comparison.AtLeast ? "high" : "low")}";
        return new AlertRule(name, metric, comparison, threshold, duration, clear);
    }

    /// <summary>Durations as <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var match = DurationSyntax().Match(text.Trim());
        if (!match.Success) throw new FormatException($"duration '{text}' is not a number followed by ms, s, m or h");
        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromHours(amount),
        };
    }

    [GeneratedRegex(@"^(?:(?<name>[A-Za-z0-9_.-]+)\s*:\s*)?(?<metric>[A-Za-z0-9_.-]+)\s*(?<op>>=|<=|>|<)\s*(?<threshold>-?\d+(?:\.\d+)?)(?:\s+for\s+(?<for>\S+))?(?:\s+clear\s+(?<clear>-?\d+(?:\.\d+)?))?$")]
    private static partial Regex RuleSyntax();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h)$")]
    private static partial Regex DurationSyntax();
}
