namespace AkLight.Parts.Tests.Metrics;

/// <summary>
/// Kernel files as they really read: /proc and the cgroup v2 folder copied from a Linux 6.18 machine
/// (2 CPUs, 24 GiB), plus a container's cgroup v2 files in the kernel's documented layout.
/// </summary>
internal static class HostSamples
{
    /// <summary><c>/proc/stat</c> (the intr line cut short: hundreds of zeros).</summary>
    public const string ProcStat = """
        cpu  382053 0 54270 304487 1822 0 2135 2312 0 0
        cpu0 185522 0 26319 159199 409 0 882 1138 0 0
        cpu1 196530 0 27950 145287 1412 0 1252 1174 0 0
        intr 3512365 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 10 0 0 0 0 751 171 0 73 1 241809 0 5360 4680 0 2835 6562 1
        ctxt 34709039
        btime 1795603946
        processes 61567
        procs_running 5
        procs_blocked 0
        softirq 2466771 0 547210 4 77201 0 0 33 1118014 0 724309

        """;

    /// <summary>The same machine's <c>/proc/stat</c> a few minutes later, under load.</summary>
    public const string ProcStatLater = """
        cpu  588092 95 84796 330498 3437 0 3579 4124 0 0
        cpu0 288717 33 40784 173434 669 0 1465 2055 0 0
        cpu1 299375 61 44011 157063 2767 0 2114 2068 0 0
        intr 5224001 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 10 0 0 0 0 751 171 0 73 1 356402 0 7301 6204 0 3911 8806 1
        ctxt 54809256
        btime 1795603946
        processes 61567
        procs_running 5
        procs_blocked 0
        softirq 3566120 0 812208 4 101230 0 0 33 1601774 0 1050871

        """;

    public const string MemInfo = """
        MemTotal:       24683656 kB
        MemFree:        20191956 kB
        MemAvailable:   23247812 kB
        Buffers:           27804 kB
        Cached:          3421340 kB
        SwapCached:            0 kB
        Active:          1070564 kB
        Inactive:        2961100 kB
        Active(anon):      34696 kB
        Inactive(anon):   811080 kB
        Active(file):    1035868 kB
        Inactive(file):  2150020 kB
        Unevictable:       14556 kB
        Mlocked:           13032 kB
        SwapTotal:             0 kB
        SwapFree:              0 kB
        Zswap:                 0 kB
        Zswapped:              0 kB
        Dirty:               592 kB
        Writeback:             0 kB
        AnonPages:        597068 kB
        Mapped:           440876 kB
        Shmem:            263248 kB
        KReclaimable:     181312 kB
        Slab:             222772 kB
        SReclaimable:     181312 kB
        SUnreclaim:        41460 kB
        KernelStack:        4848 kB
        PageTables:         9608 kB
        SecPageTables:         0 kB
        NFS_Unstable:          0 kB
        Bounce:                0 kB
        WritebackTmp:          0 kB
        CommitLimit:    12341828 kB
        Committed_AS:    2394272 kB
        VmallocTotal:   34359738367 kB
        VmallocUsed:        9124 kB
        VmallocChunk:          0 kB
        Percpu:              664 kB
        AnonHugePages:         0 kB
        ShmemHugePages:        0 kB
        ShmemPmdMapped:        0 kB
        FileHugePages:         0 kB
        FilePmdMapped:         0 kB
        Balloon:               0 kB
        HugePages_Total:       0
        HugePages_Free:        0
        HugePages_Rsvd:        0
        HugePages_Surp:        0
        Hugepagesize:       2048 kB
        Hugetlb:               0 kB
        DirectMap4k:       20480 kB
        DirectMap2M:     2076672 kB
        DirectMap1G:    25165824 kB

        """;

    public const string NetDev = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo: 6531440080 3545768    0    0    0     0          0         0 6531440080 3545768    0    0    0     0       0          0
          ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
          ifb1:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
          eth0: 788671677   20646    0    0    0     0          0         0  1099134   13333    0    0    0     0       0          0

        """;

    /// <summary>The root cgroup's <c>cpu.stat</c> of the same machine (no cpu controller enabled: usage lines only).</summary>
    public const string RootCpuStat = """
        usage_usec 4387920325
        user_usec 3822872738
        system_usec 565047587
        nice_usec 0

        """;

    /// <summary>A container's <c>cpu.stat</c> with the cpu controller enabled: throttling and burst lines follow.</summary>
    public const string ContainerCpuStat = """
        usage_usec 1529043
        user_usec 1120476
        system_usec 408567
        core_sched.force_idle_usec 0
        nr_periods 120
        nr_throttled 4
        throttled_usec 80231
        nr_bursts 0
        burst_usec 0

        """;

    /// <summary>A container's <c>memory.stat</c> (cgroup v2), abridged to its first lines.</summary>
    public const string ContainerMemoryStat = """
        anon 10092544
        file 52441088
        kernel 1519616
        kernel_stack 147456
        pagetables 286720
        sec_pagetables 0
        percpu 4416
        sock 0
        vmalloc 0
        shmem 0
        zswap 0
        zswapped 0
        file_mapped 31309824
        file_dirty 0
        file_writeback 0
        swapcached 0
        anon_thp 0
        inactive_anon 10084352
        active_anon 8192
        inactive_file 41148416
        active_file 11292672
        unevictable 0
        slab_reclaimable 655400
        slab_unreclaimable 378664
        pgfault 31779
        pgmajfault 411

        """;
}
