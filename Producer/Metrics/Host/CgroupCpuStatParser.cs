namespace AkLight.Producer.Metrics.Host;

/// <summary>Reads the CPU time a cgroup has used from the text of its cgroup v2 <c>cpu.stat</c>.</summary>
internal static class CgroupCpuStatParser
{
    /// <summary>The <c>usage_usec</c> line: microseconds of CPU time used by every task in the cgroup.</summary>
    /// <exception cref="FormatException">There is no usage_usec line.</exception>
    public static ulong Parse(string text) =>
        FlatKeyedParser.Parse(text).TryGetValue("usage_usec", out var usage)
            ? usage
            : throw new FormatException("no usage_usec in cpu.stat");
}
