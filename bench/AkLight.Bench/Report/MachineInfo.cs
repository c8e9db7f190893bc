using System.Runtime.InteropServices;

namespace AkLight.Bench.Report;

/// <summary>The machine and the software versions a run measured.</summary>
internal sealed record MachineInfo(int Cores, long MemoryBytes, string Cpu, string Os, string Runtime, IReadOnlyDictionary<string, string> Packages)
{
    public static async Task<MachineInfo> ReadAsync()
    {
        var memory = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux"
            : RuntimeInformation.OSDescription;
        var packages = new Dictionary<string, string>();
        foreach (var name in new[] { "mosquitto", "redis-server", "postgresql" })
        {
            try
            {
                packages[name] = (await ProcessRunner.RunAsync("dpkg-query", ["-W", "-f", "${Version}", name], TimeSpan.FromSeconds(10)).ConfigureAwait(false)).Trim();
            }
            catch (Exception error) when (error is BenchSetupException or System.ComponentModel.Win32Exception)
            {
                packages[name] = "not installed";
            }
        }
        return new MachineInfo(Environment.ProcessorCount, long.Parse(memory ?? "0") * 1024, cpu, os, RuntimeInformation.FrameworkDescription, packages);
    }

    public override string ToString() => FormattableString.Invariant(
        $"{Cores} cores ({Cpu}), {MemoryBytes / 1073741824.0:0.0} GiB memory, {Os}, {Runtime}; ") +
        string.Join(", ", Packages.Select(p => $"{p.Key} {p.Value}"));
}
