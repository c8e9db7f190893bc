namespace AkLight.Producer.Metrics;

/// <summary>One number a source reported, named as the last level of its topic (<c>cpu</c>, <c>memory.percent</c>).</summary>
internal readonly record struct MetricValue(string Metric, double Value, string Unit);
