using System.Text.Json.Serialization;

namespace AkLight.Monitoring.Events;

/// <summary>
/// One container lifecycle event as the agent publishes it (JSON payload of an event topic):
/// <c>{"action","status","exitCode","time","timeNano","containerId","container","image","attributes","producer"}</c>.
/// <see cref="TimeNano"/> is the engine's own timestamp, exact to the nanosecond; <see cref="Time"/> is the same instant
/// as ISO-8601 UTC. <see cref="Attributes"/> are the engine's as they came (name, image, exitCode, the container's labels).
/// </summary>
public sealed record class ContainerEvent
{
    /// <summary>One of <see cref="EventActions"/>.</summary>
    [JsonPropertyName("action")] public required string Action { get; init; }

    /// <summary>For <c>health_status</c>: the new status (healthy, unhealthy, starting).</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>For <c>die</c>: the exit code of the container's main process.</summary>
    [JsonPropertyName("exitCode")] public int? ExitCode { get; init; }

    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }

    [JsonPropertyName("timeNano")] public long TimeNano { get; init; }

    [JsonPropertyName("containerId")] public required string ContainerId { get; init; }

    /// <summary>The container's name, as in the topic (before sanitising).</summary>
    [JsonPropertyName("container")] public required string Container { get; init; }

    [JsonPropertyName("image")] public string? Image { get; init; }

    [JsonPropertyName("attributes")] public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The agent that published it.</summary>
    [JsonPropertyName("producer")] public string? Producer { get; init; }

    public byte[] ToJson() => JsonPayload.ToJson(this);

    /// <summary>Parses a payload; null when it is not a container event (also one without action, containerId or container).</summary>
    public static ContainerEvent? TryParse(ReadOnlySpan<byte> payload) => JsonPayload.TryParse<ContainerEvent>(payload);
}
