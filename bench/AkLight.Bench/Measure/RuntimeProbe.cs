namespace AkLight.Bench.Measure;

/// <summary>
/// What the silos' collector did during a run, from their <c>/metrics</c> before and after it: bytes allocated
/// (the runtime's <c>dotnet.gc.heap.total_allocated</c>) and the gen0 pauses (the broker's <c>aklight.gc.pause</c>
/// histogram). Peers and processes without a metrics endpoint give nothing.
/// </summary>
internal sealed class RuntimeProbe
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly IReadOnlyList<string> _urls;
    private readonly RuntimeSample? _start;

    private RuntimeProbe(IReadOnlyList<string> urls, RuntimeSample? start)
    {
        _urls = urls;
        _start = start;
    }

    public static async Task<RuntimeProbe> StartAsync(IReadOnlyList<int> brokerPids)
    {
        var urls = SiloMetricsEndpoints.For(brokerPids);
        return new RuntimeProbe(urls, urls.Count == 0 ? null : await SampleAsync(urls).ConfigureAwait(false));
    }

    /// <summary>The collector's figures since <see cref="StartAsync"/> over <paramref name="messages"/> messages, or null without endpoints.</summary>
    public async Task<RuntimeFigures?> StopAsync(long messages)
    {
        if (_start is null) return null;
        var end = await SampleAsync(_urls).ConfigureAwait(false);
        if (end is null) return null;
        var pauses = end.Gen0Buckets.Select((b, i) => (b.Bound, Count: b.Count - (_start.Gen0Buckets.ElementAtOrDefault(i).Count))).ToArray();
        var allocated = end.AllocatedBytes - _start.AllocatedBytes;
        return new RuntimeFigures(messages > 0 ? allocated / (double)messages : null, pauses.Length == 0 ? 0 : pauses[^1].Count,
            Percentile(pauses, 0.50), Percentile(pauses, 0.99));
    }

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/>, in milliseconds (null without pauses).</summary>
    private static double? Percentile((double Bound, long Count)[] cumulative, double quantile)
    {
        var total = cumulative.Length == 0 ? 0 : cumulative[^1].Count;
        if (total == 0) return null;
        var rank = Math.Ceiling(quantile * total);
        return cumulative.First(b => b.Count >= rank).Bound * 1000;
    }

    /// <summary>Sums of every silo's figures; null when one did not answer (a run whose silo died says nothing).</summary>
    private static async Task<RuntimeSample?> SampleAsync(IReadOnlyList<string> urls)
    {
        long allocated = 0;
        var buckets = new SortedDictionary<double, long>();
        foreach (var url in urls)
        {
            string text;
            try
            {
                text = await Http.GetStringAsync(url).ConfigureAwait(false);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("dotnet_gc_heap_total_allocated_bytes_total", StringComparison.Ordinal)) allocated += (long)Value(line);
                else if (line.StartsWith("aklight_gc_pause_seconds_bucket{", StringComparison.Ordinal) && line.Contains("generation=\"0\"", StringComparison.Ordinal))
                {
                    var bound = Label(line, "le") is "+Inf" ? double.PositiveInfinity : double.Parse(Label(line, "le"), CultureInfo.InvariantCulture);
                    buckets[bound] = buckets.GetValueOrDefault(bound) + (long)Value(line);
                }
            }
        }
        return new RuntimeSample(allocated, buckets.Select(b => (b.Key, b.Value)).ToArray());
    }

    private static double Value(string line) => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private static string Label(string line, string name)
    {
        var start = line.IndexOf($"{name}=\"", StringComparison.Ordinal) + name.Length + 2;
        return line[start..line.IndexOf('"', start)];
    }

    private sealed record RuntimeSample(long AllocatedBytes, (double Bound, long Count)[] Gen0Buckets);
}

/// <summary>The collector during one run: bytes allocated per message, gen0 pauses and their p50/p99 (bucket upper bounds, ms).</summary>
internal sealed record RuntimeFigures(double? AllocatedPerMessage, long Gen0Pauses, double? Gen0PauseP50Ms, double? Gen0PauseP99Ms);
