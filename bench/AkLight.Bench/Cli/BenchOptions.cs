namespace AkLight.Bench.Cli;

/// <summary>Everything a bench run can be told; defaults depend on the mode.</summary>
internal sealed class BenchOptions
{
    public BenchMode Mode { get; set; } = BenchMode.Full;

    /// <summary>Containers in the workload (four metric topics each).</summary>
    public int Containers { get; set; } = 1000;

    public IReadOnlyList<int> ProducerCounts { get; set; } = [1, 2];

    /// <summary>Length of a full-speed run.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Length of a fixed-rate run.</summary>
    public TimeSpan RateDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The fixed total rate, messages per second.</summary>
    public double Rate { get; set; } = 2000;

    /// <summary>
    /// Unacknowledged messages one producer may have in flight, per system: each at the window where it did best
    /// in tuning runs on the 2-core machine. AKLight batches per partition, so with 4,000 partitions a deeper window
    /// forms bigger batches and goes faster (100,000 did best on a quiet machine), but the client's 5-second
    /// response timeout then fires under load and the producer's retries store batches twice: 20,000 keeps
    /// acknowledgements well inside it. MQTTnet matches each PUBACK against a list of pending publishes, so
    /// a deep window costs it O(n) per acknowledgement; Redis pipelines any depth.
    /// </summary>
    public Dictionary<string, int> Windows { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aklight"] = 20_000,
        ["mosquitto"] = 500,
        ["redis"] = 50_000,
        // AKLight's MQTT door is driven by the same MQTTnet client as Mosquitto, so with Mosquitto's window.
        ["aklight-mqtt"] = 500,
    };

    /// <summary>The window of a target (by its whole name, else its name's first part: aklight, mosquitto, redis).</summary>
    public int WindowFor(string target) =>
        Windows.TryGetValue(target, out var window) || Windows.TryGetValue(target.Split('-')[0], out window) ? window : 10_000;

    public long MaxMessagesPerProducer { get; set; } = 50_000_000;

    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The drain gives up early when nothing new arrives for this long.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Pause after a cluster has started, before the consumer subscribes.</summary>
    public TimeSpan ClusterSettle { get; set; } = TimeSpan.Zero;

    /// <summary>Partitions of each metric topic (each has one key, so one is enough).</summary>
    public int PartitionsPerTopic { get; set; } = 1;

    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    public int BatchSize { get; set; } = 2000;

    public int FetchMessages { get; set; } = 5000;

    public TimeSpan FetchWait { get; set; } = TimeSpan.FromMilliseconds(500);

    public int ClusterSilos { get; set; } = 2;

    /// <summary>Topic counts at which the silo's resident memory is measured (the first is also the idle-topics run).</summary>
    public IReadOnlyList<int> ScaleTopics { get; set; } = [10_000, 100_000];

    /// <summary>Active topics in the idle-topics run.</summary>
    public int ActiveTopics { get; set; } = 10;

    /// <summary>Messages in the long log of the reactivation run.</summary>
    public long LongLogMessages { get; set; } = 1_000_000;

    public TimeSpan CopyDuration { get; set; } = TimeSpan.FromSeconds(15);

    public int CopyBatchRows { get; set; } = 10_000;

    /// <summary>Messages of the bulk runs through the Kafka door (one topic of 12 partitions, 200 B each).</summary>
    public int BulkMessages { get; set; } = 1_000_000;

    /// <summary>How long the failover scenario's load runs (a silo is killed a quarter of the way in).</summary>
    public TimeSpan FailoverDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Scenarios to run (all when empty): aklight-embedded, aklight-cluster, aklight-mqtt, aklight-kafka, bulk, bulk-cluster, mosquitto, redis, copy, scale, reactivation, failover.</summary>
    public HashSet<string> Only { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Skip { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the results table goes as Markdown (besides the console), if anywhere.</summary>
    public string? OutputFile { get; set; }

    public string? PidFile { get; set; }

    /// <summary>Keep the work folder (logs, data) instead of deleting it at the end.</summary>
    public bool KeepWorkFolder { get; set; }

    public bool Runs(string scenario) => (Only.Count == 0 || Only.Contains(scenario)) && !Skip.Contains(scenario);

    /// <summary>The defaults of a mode; options given on the command line are applied after.</summary>
    public static BenchOptions ForMode(BenchMode mode)
    {
        var options = new BenchOptions { Mode = mode };
        switch (mode)
        {
            case BenchMode.Smoke:
                options.Containers = 25;
                options.ProducerCounts = [1];
                options.Duration = TimeSpan.FromSeconds(3);
                options.DrainTimeout = TimeSpan.FromSeconds(30);
                options.Only.Add("aklight-embedded");
                break;
            case BenchMode.Quick:
                options.Containers = 200;
                options.Duration = TimeSpan.FromSeconds(4);
                options.RateDuration = TimeSpan.FromSeconds(4);
                options.DrainTimeout = TimeSpan.FromSeconds(60);
                options.ScaleTopics = [2_000, 5_000];
                options.LongLogMessages = 50_000;
                options.CopyDuration = TimeSpan.FromSeconds(4);
                options.BulkMessages = 50_000;
                break;
        }
        return options;
    }
}
