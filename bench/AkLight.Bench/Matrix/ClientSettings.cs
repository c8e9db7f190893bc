namespace AkLight.Bench.Matrix;

/// <summary>The AKLight client settings of a run.</summary>
internal static class ClientSettings
{
    public const string Filter = "metrics/docker/#";

    public static AkLightClientSettings From(BenchOptions options) =>
        new(Filter, options.Linger, options.BatchSize, options.FetchMessages, options.FetchWait);
}
