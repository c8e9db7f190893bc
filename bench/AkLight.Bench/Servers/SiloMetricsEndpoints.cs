using System.Collections.Concurrent;

namespace AkLight.Bench.Servers;

/// <summary>Each running silo's <c>/metrics</c> address by its process id, so a probe given a target's broker pids finds them.</summary>
internal static class SiloMetricsEndpoints
{
    private static readonly ConcurrentDictionary<int, string> Endpoints = new();

    public static void Register(int pid, string url) => Endpoints[pid] = url;

    public static IReadOnlyList<string> For(IEnumerable<int> pids) =>
        pids.Select(pid => Endpoints.GetValueOrDefault(pid)).OfType<string>().ToArray();
}
