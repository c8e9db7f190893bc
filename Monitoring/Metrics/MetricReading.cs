using System.Text.Json.Serialization;

namespace AkLight.Monitoring.Metrics;

/// <summary>
/// One metric value as producers publish it (JSON payload of a metric topic). A reading whose
/// <see cref="State"/> is set is a status message (e.g. "stopped") rather than a number.
/// </summary>
public sealed record class MetricReading
{
    [JsonPropertyName("value")] public double? Value { get; init; }

    [JsonPropertyName("unit")] public string? Unit { get; init; }

    [JsonPropertyName("ts")] public DateTimeOffset Timestamp { get; init; }

    [JsonPropertyName("containerId")] public string? ContainerId { get; init; }

    [JsonPropertyName("producer")] public string? Producer { get; init; }

    /// <summary>The producer's sampling interval in seconds: what the silence alarm counts in.</summary>
    [JsonPropertyName("interval")] public double? IntervalSeconds { get; init; }

    /// <summary>Container state for status messages: running, stopped, restarting...</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    [JsonPropertyName("health")] public string? Health { get; init; }

    public byte[] ToJson() => JsonPayload.ToJson(this);

    /// <summary>Parses a payload; null when it is not a metric reading.</summary>
    public static MetricReading? TryParse(ReadOnlySpan<byte> payload) => JsonPayload.TryParse<MetricReading>(payload);
}
