namespace AkLight.Producer.Metrics;

/// <summary>
/// What one source (a container, or the agent's own host) reported at one sampling, before it becomes messages.
/// </summary>
/// <param name="Name">The container level of the topic: the container's name, or the host name without Docker.</param>
/// <param name="Id">The message key and the payload's <c>containerId</c>: the container id, or the host name.</param>
/// <param name="Values">The numbers sampled; empty for a container announced as stopped.</param>
/// <param name="State">The container state (<c>running</c>, <c>stopped</c>, ...), published on the <c>status</c> topic.</param>
/// <param name="Health">The health check status (<c>healthy</c>, <c>unhealthy</c>, <c>starting</c>), or null without a health check.</param>
internal sealed record class SourceSample(string Name, string Id, IReadOnlyList<MetricValue> Values, string State, string? Health);
