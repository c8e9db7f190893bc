using System.Collections.Concurrent;

namespace AkLight.Bench.Measure;

/// <summary>
/// Counts exceptions thrown inside the bench process (the clients included), by type, so a run can show what a
/// client library retried silently: a producer that resends after a timeout stores the batch twice.
/// </summary>
internal static class ClientExceptions
{
    private static readonly ConcurrentDictionary<string, long> Counts = new();
    private static int _started;

    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (e.Exception is OperationCanceledException) return; // fetch long-polls and delays end this way
            Counts.AddOrUpdate($"{e.Exception.GetType().Name}: {Trim(e.Exception.Message)}", 1, (_, n) => n + 1);
        };
    }

    public static Dictionary<string, long> Snapshot() => new(Counts);

    /// <summary>What was thrown since <paramref name="before"/>, most frequent first.</summary>
    public static string Since(Dictionary<string, long> before)
    {
        var grown = Counts
            .Select(c => (c.Key, Count: c.Value - before.GetValueOrDefault(c.Key)))
            .Where(c => c.Count > 0)
            .OrderByDescending(c => c.Count)
            .Take(3)
            .Select(c => $"{c.Count}× {c.Key}");
        return string.Join("; ", grown);
    }

    private static string Trim(string message)
    {
        var line = message.Split('\n')[0];
        return line.Length <= 120 ? line : line[..120] + "...";
    }
}
