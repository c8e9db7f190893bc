namespace AkLight.Bench.Workload;

/// <summary>One metric topic (<c>metrics/docker/{host}/{container}/{metric}</c>), its key (the container) and its payload template.</summary>
internal sealed record MetricTopic(string Name, byte[] Key, int ContainerIndex, MetricPayload.Template Payload);
