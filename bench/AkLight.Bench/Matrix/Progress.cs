namespace AkLight.Bench.Matrix;

/// <summary>Progress lines on standard error, so standard output holds only the results.</summary>
internal static class Progress
{
    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public static string Describe(RunResult r)
    {
        var c = r.Counts;
        var latency = c.Latency is { } l ? string.Create(CultureInfo.InvariantCulture, $"p50 {l.P50:0.00} p99 {l.P99:0.00} p99.9 {l.P999:0.00} max {l.Max:0.0} ms") : "no latency";
        if (c.AckLatency is { } a) latency += string.Create(CultureInfo.InvariantCulture, $" (ack p50 {a.P50:0.00} p99 {a.P99:0.00})");
        if (r.Runtime is { } gc)
            latency += string.Create(CultureInfo.InvariantCulture, $" | silo alloc {gc.AllocatedPerMessage:N0} B/msg, {gc.Gen0Pauses:N0} gen0 pauses p50 ≤{gc.Gen0PauseP50Ms:0.##} p99 ≤{gc.Gen0PauseP99Ms:0.##} ms");
        var problems = string.Join("; ", new[] { r.DrainProblem, r.FirstError is null ? null : "first error: " + r.FirstError, r.ClientExceptions is null ? null : "thrown in the bench: " + r.ClientExceptions }.OfType<string>());
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Target} {r.Label}: sent {c.Sent:N0} acked {c.Acked:N0} failed {c.Failed:N0} received {c.Received:N0} lost {c.Lost:N0} dup {c.Duplicates:N0} (stored twice {c.StoredTwice:N0}) | produce {c.ProduceRate:N0}/s e2e {c.EndToEndRate:N0}/s | {latency} | broker {r.BrokerCores:0.00} cores, bench {r.BenchCores:0.00} cores{(problems.Length > 0 ? " | " + problems : "")}");
    }
}
