namespace AkLight.Consumer.Monitoring;

/// <summary>The text of the container table's cells; <c>-</c> where nothing was reported.</summary>
internal static class CellText
{
    public const string None = "-";

    private static readonly string[] ByteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Cpu(ContainerStatus row) => row.Value(MetricNames.Cpu) is { } cpu ? Percent(cpu) : None;

    /// <summary><c>usage / limit (percent)</c>, each part where reported; the percentage computed when only usage and limit are.</summary>
    public static string Memory(ContainerStatus row)
    {
        var usage = row.Reading(MetricNames.Memory);
        var limit = row.Reading(MetricNames.MemoryLimit);
        var percent = row.Value(MetricNames.MemoryPercent)
            ?? (usage?.Value is { } used && limit?.Value is > 0 and var max ? used / max * 100 : null);
        var amounts = usage is null && limit is null ? null : $"{Amount(usage)} / {Amount(limit)}";
        return (amounts, percent) switch
        {
            (null, null) => None,
            (null, { } p) => Percent(p),
            ({ } a, null) => a,
            ({ } a, { } p) => $"{a} ({Percent(p)})",
        };
    }

    /// <summary>Two readings as <c>first / second</c>: received / sent, read / written.</summary>
    public static string Pair(ContainerStatus row, string first, string second) =>
        row.Reading(first) is null && row.Reading(second) is null ? None : $"{Amount(row.Reading(first))} / {Amount(row.Reading(second))}";

    public static string Restarts(ContainerStatus row) =>
        row.Value(MetricNames.Restarts) is { } restarts ? restarts.ToString("0", CultureInfo.InvariantCulture) : None;

    /// <summary><c>state (health)</c>: <c>running (healthy)</c>, <c>stopped</c>.</summary>
    public static string State(ContainerStatus row) => (row.State, row.Health) switch
    {
        (null, null) => None,
        ({ } state, null) => state,
        (null, { } health) => health,
        ({ } state, { } health) => $"{state} ({health})",
    };

    public static string Producer(ContainerStatus row) =>
        row.Producer is null ? None : row.ProducerSilent ? $"{row.Producer} (silent)" : row.Producer;

    public static string Alerts(ContainerStatus row) => row.Alerts.Count == 0 ? None : string.Join(", ", row.Alerts);

    /// <summary>How long ago: <c>4s ago</c>, <c>3m ago</c>, <c>2h ago</c>.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        if (then == DateTimeOffset.MinValue) return None;
        var elapsed = now - then;
        if (elapsed < TimeSpan.Zero) elapsed = TimeSpan.Zero;
        return elapsed.TotalSeconds < 120 ? Invariant($"{elapsed.TotalSeconds:0}s ago")
            : elapsed.TotalMinutes < 120 ? Invariant($"{elapsed.TotalMinutes:0}m ago")
            : elapsed.TotalHours < 48 ? Invariant($"{elapsed.TotalHours:0}h ago")
            : Invariant($"{elapsed.TotalDays:0}d ago");
    }

    public static string Percent(double value) => Invariant($"{value:0.0}%");

    /// <summary>A reading in its unit: bytes (the unit when none is given) as KiB/MiB/GiB, rates with <c>/s</c>.</summary>
    public static string Amount(MetricReading? reading)
    {
        if (reading?.Value is not { } value) return None;
        var unit = reading.Unit?.Trim() ?? "";
        return unit switch
        {
            "" or "B" or "bytes" => Bytes(value),
            "B/s" or "bytes/s" => Bytes(value) + "/s",
            "%" => Percent(value),
            _ => Invariant($"{value:0.##} {unit}"),
        };
    }

    /// <summary>Binary units, one decimal: <c>512 B</c>, <c>1.5 KiB</c>, <c>2.0 GiB</c>.</summary>
    public static string Bytes(double value)
    {
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < ByteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? Invariant($"{value:0} B") : Invariant($"{value:0.0} {ByteUnits[unit]}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
