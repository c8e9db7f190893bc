namespace AkLight.Bench.Servers;

/// <summary>A system under test could not be set up; the scenario is skipped with this reason.</summary>
internal sealed class BenchSetupException(string message, Exception? inner = null) : Exception(message, inner);
