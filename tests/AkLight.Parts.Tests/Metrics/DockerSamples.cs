namespace AkLight.Parts.Tests.Metrics;

/// <summary>
/// Stats documents as the Docker Engine API answers <c>GET /containers/{id}/stats?stream=false</c>: one from
/// an engine on cgroup v2 (no per-CPU list, <c>inactive_file</c>, lower-case blkio ops), one from an older
/// engine on cgroup v1 (per-CPU list, no <c>online_cpus</c>, <c>total_inactive_file</c>, capitalised ops).
/// </summary>
internal static class DockerSamples
{
    /// <summary>
    /// Between the two readings (1 s apart, 4 CPUs) the container used 2.4 s of CPU time of the machine's 4 s:
    /// 240 %. 200 MiB in use of which 50 MiB inactive page cache, 1 GiB limit. Two interfaces, two block devices.
    /// </summary>
    public const string CgroupV2 = """
        {
          "read": "2025-03-14T09:26:53.604215187Z",
          "preread": "2025-03-14T09:26:52.601337911Z",
          "pids_stats": { "current": 23, "limit": 18946 },
          "blkio_stats": {
            "io_service_bytes_recursive": [
              { "major": 8, "minor": 0, "op": "read", "value": 4096000 },
              { "major": 8, "minor": 0, "op": "write", "value": 1048576 },
              { "major": 8, "minor": 16, "op": "read", "value": 904000 },
              { "major": 8, "minor": 16, "op": "write", "value": 0 }
            ],
            "io_serviced_recursive": null,
            "io_queue_recursive": null,
            "io_service_time_recursive": null,
            "io_wait_time_recursive": null,
            "io_merged_recursive": null,
            "io_time_recursive": null,
            "sectors_recursive": null
          },
          "num_procs": 0,
          "storage_stats": {},
          "cpu_stats": {
            "cpu_usage": { "total_usage": 152400000000, "usage_in_kernelmode": 21300000000, "usage_in_usermode": 131100000000 },
            "system_cpu_usage": 91234560000000,
            "online_cpus": 4,
            "throttling_data": { "periods": 0, "throttled_periods": 0, "throttled_time": 0 }
          },
          "precpu_stats": {
            "cpu_usage": { "total_usage": 150000000000, "usage_in_kernelmode": 21000000000, "usage_in_usermode": 129000000000 },
            "system_cpu_usage": 91230560000000,
            "online_cpus": 4,
            "throttling_data": { "periods": 0, "throttled_periods": 0, "throttled_time": 0 }
          },
          "memory_stats": {
            "usage": 209715200,
            "stats": {
              "active_anon": 147456000,
              "active_file": 6553600,
              "anon": 150732800,
              "anon_thp": 0,
              "file": 58982400,
              "file_dirty": 0,
              "file_mapped": 4096000,
              "file_writeback": 0,
              "inactive_anon": 3276800,
              "inactive_file": 52428800,
              "kernel_stack": 327680,
              "pgactivate": 0,
              "pgdeactivate": 0,
              "pgfault": 81234,
              "pglazyfree": 0,
              "pglazyfreed": 0,
              "pgmajfault": 12,
              "pgrefill": 0,
              "pgscan": 0,
              "pgsteal": 0,
              "shmem": 0,
              "slab": 2621440,
              "slab_reclaimable": 1966080,
              "slab_unreclaimable": 655360,
              "sock": 0,
              "thp_collapse_alloc": 0,
              "thp_fault_alloc": 0,
              "unevictable": 0,
              "workingset_activate": 0,
              "workingset_nodereclaim": 0,
              "workingset_refault": 0
            },
            "limit": 1073741824
          },
          "name": "/compose-web-1",
          "id": "5c3f0a4e1d2b7f9a8c6e4d2b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7",
          "networks": {
            "eth0": { "rx_bytes": 1000000, "rx_packets": 812, "rx_errors": 0, "rx_dropped": 0, "tx_bytes": 250000, "tx_packets": 640, "tx_errors": 0, "tx_dropped": 0 },
            "eth1": { "rx_bytes": 24000, "rx_packets": 40, "rx_errors": 0, "rx_dropped": 0, "tx_bytes": 6000, "tx_packets": 31, "tx_errors": 0, "tx_dropped": 0 }
          }
        }
        """;

    /// <summary>
    /// 0.5 s of CPU of the machine's 2 s on 2 CPUs (counted from the per-CPU list): 50 %. 100 MB in use, of which
    /// 20 MB inactive page cache (<c>total_inactive_file</c>, preferred over <c>inactive_file</c>), 400 MB limit.
    /// </summary>
    public const string CgroupV1 = """
        {
          "read": "2019-06-02T17:01:12.374291386Z",
          "preread": "2019-06-02T17:01:11.371980551Z",
          "pids_stats": { "current": 5 },
          "networks": {
            "eth0": { "rx_bytes": 5338, "rx_dropped": 0, "rx_errors": 0, "rx_packets": 36, "tx_bytes": 648, "tx_dropped": 0, "tx_errors": 0, "tx_packets": 8 }
          },
          "memory_stats": {
            "stats": {
              "total_pgmajfault": 0,
              "cache": 25000000,
              "mapped_file": 1000000,
              "total_inactive_file": 20000000,
              "pgpgout": 414,
              "rss": 75000000,
              "total_mapped_file": 1000000,
              "writeback": 0,
              "unevictable": 0,
              "pgpgin": 477,
              "total_unevictable": 0,
              "pgmajfault": 0,
              "total_rss": 75000000,
              "total_rss_huge": 0,
              "total_writeback": 0,
              "total_inactive_anon": 0,
              "rss_huge": 0,
              "hierarchical_memory_limit": 400000000,
              "total_pgfault": 964,
              "total_active_file": 5000000,
              "active_anon": 75000000,
              "total_active_anon": 75000000,
              "total_pgpgout": 414,
              "total_cache": 25000000,
              "inactive_anon": 0,
              "active_file": 5000000,
              "pgfault": 964,
              "inactive_file": 30000000,
              "total_pgpgin": 477
            },
            "max_usage": 110000000,
            "usage": 100000000,
            "failcnt": 0,
            "limit": 400000000
          },
          "blkio_stats": {
            "io_service_bytes_recursive": [
              { "major": 8, "minor": 0, "op": "Read", "value": 1000 },
              { "major": 8, "minor": 0, "op": "Write", "value": 2000 },
              { "major": 8, "minor": 0, "op": "Sync", "value": 2500 },
              { "major": 8, "minor": 0, "op": "Async", "value": 500 },
              { "major": 8, "minor": 0, "op": "Total", "value": 3000 }
            ]
          },
          "cpu_stats": {
            "cpu_usage": { "percpu_usage": [ 2600000000, 2400000000 ], "usage_in_usermode": 4000000000, "total_usage": 5000000000, "usage_in_kernelmode": 1000000000 },
            "system_cpu_usage": 20002000000000,
            "throttling_data": { "periods": 0, "throttled_periods": 0, "throttled_time": 0 }
          },
          "precpu_stats": {
            "cpu_usage": { "percpu_usage": [ 2350000000, 2150000000 ], "usage_in_usermode": 3600000000, "total_usage": 4500000000, "usage_in_kernelmode": 900000000 },
            "system_cpu_usage": 20000000000000,
            "throttling_data": { "periods": 0, "throttled_periods": 0, "throttled_time": 0 }
          },
          "name": "/old-engine-db",
          "id": "b3e5a1c9d7f2e4a6c8b0d2f4e6a8c0b2d4f6e8a0c2b4d6f8e0a2c4b6d8f0e2a4"
        }
        """;
}
