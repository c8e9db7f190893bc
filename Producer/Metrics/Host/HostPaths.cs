namespace AkLight.Producer.Metrics.Host;

/// <summary>Where the host's kernel files are; a test can point these at a folder of sample files.</summary>
/// <param name="Proc">The proc file system (<c>/proc</c>).</param>
/// <param name="Cgroup">The cgroup v2 folder of this process's cgroup as seen from inside it (<c>/sys/fs/cgroup</c>).</param>
internal sealed record class HostPaths(string Proc, string Cgroup)
{
    public static readonly HostPaths Default = new("/proc", "/sys/fs/cgroup");

    public string ProcStat => Path.Combine(Proc, "stat");

    public string MemInfo => Path.Combine(Proc, "meminfo");

    public string NetDev => Path.Combine(Proc, "net", "dev");

    public string CpuStat => Path.Combine(Cgroup, "cpu.stat");

    public string CpuMax => Path.Combine(Cgroup, "cpu.max");

    public string MemoryCurrent => Path.Combine(Cgroup, "memory.current");

    public string MemoryMax => Path.Combine(Cgroup, "memory.max");

    public string MemoryStat => Path.Combine(Cgroup, "memory.stat");

    /// <summary>
    /// True when <see cref="Cgroup"/> is a cgroup v2 folder other than the root — what a container sees of its
    /// own cgroup. Only non-root cgroups have <c>cgroup.type</c>; on a host, the root's numbers would be the
    /// machine's, which <c>/proc</c> gives directly.
    /// </summary>
    public bool InContainerCgroup => File.Exists(Path.Combine(Cgroup, "cgroup.type"));
}
