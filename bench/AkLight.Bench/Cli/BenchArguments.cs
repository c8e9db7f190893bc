namespace AkLight.Bench.Cli;

/// <summary>Parses <c>[smoke|quick|full] [--option value ...]</c>; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
internal static class BenchArguments
{
    public const string Usage = """
        usage: AkLight.Bench [smoke|quick|full] [options]
          smoke   AKLight embedded only, a few seconds; one result line, exit 1 on any lost message (CI)
          quick   the whole matrix, short runs, small scale figures (checks the harness)
          full    the whole matrix as BENCHMARKS.md reports it (default)
        options:
          --only a,b        scenarios: aklight-embedded, aklight-cluster, aklight-mqtt, aklight-kafka, bulk, bulk-cluster,
                            mosquitto, redis, copy, scale, reactivation, failover
          --skip a,b        scenarios to leave out
          --containers N    containers in the workload (4 metric topics each; default 1000)
          --producers 1,2   producer counts
          --duration S      seconds per full-speed run      --rate-duration S  seconds per fixed-rate run
          --rate N          fixed total rate, msg/s (2000)
          --window N        in-flight messages per producer, every system; or one system's:
          --window-aklight N (20000)  --window-mosquitto N (500)  --window-redis N (50000)
          --drain S         seconds to wait for the consumer to catch up (at most)
          --stall S         ... giving up when nothing arrives for S seconds (15)
          --cluster-settle S  pause after the cluster started, before subscribing (0)
          --linger MS --batch N --fetch N --fetch-wait MS   AKLight client settings
          --partitions N    partitions per metric topic (1)
          --scale-topics 10000,100000   --active-topics N   --long-log N   --cluster-silos N
          --copy-duration S --copy-batch N   --bulk N (messages of the bulk runs, 1000000)
          --out FILE        also write the results as Markdown   --pid-file FILE   --keep (keep logs and data)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var position = 0;
        var mode = BenchMode.Full;
        if (args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            mode = args[0].ToLowerInvariant() switch
            {
                "smoke" => BenchMode.Smoke,
                "quick" => BenchMode.Quick,
                "full" => BenchMode.Full,
                _ => throw new ArgumentException($"unknown mode '{args[0]}': use smoke, quick or full"),
            };
            position = 1;
        }
        var options = BenchOptions.ForMode(mode);
        while (position < args.Count)
        {
            var arg = args[position++];
            if (arg is "--keep")
            {
                options.KeepWorkFolder = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{arg}'");
            string value;
            var equals = arg.IndexOf('=');
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
                arg = arg[..equals];
            }
            else
            {
                if (position >= args.Count) throw new ArgumentException($"{arg} needs a value");
                value = args[position++];
            }
            Apply(options, arg, value);
        }
        return options;
    }

    private static void Apply(BenchOptions options, string name, string value)
    {
        switch (name)
        {
            case "--only": options.Only.Clear(); options.Only.UnionWith(List(value)); break;
            case "--skip": options.Skip.UnionWith(List(value)); break;
            case "--containers": options.Containers = Positive(name, value); break;
            case "--producers": options.ProducerCounts = List(value).Select(v => Positive(name, v)).ToArray(); break;
            case "--duration": options.Duration = Seconds(name, value); break;
            case "--rate-duration": options.RateDuration = Seconds(name, value); break;
            case "--rate": options.Rate = Positive(name, value); break;
            case "--window":
                var all = Positive(name, value);
                foreach (var key in options.Windows.Keys.ToArray()) options.Windows[key] = all;
                break;
            case "--window-aklight": options.Windows["aklight"] = Positive(name, value); break;
            case "--window-mosquitto": options.Windows["mosquitto"] = Positive(name, value); break;
            case "--window-redis": options.Windows["redis"] = Positive(name, value); break;
            case "--drain": options.DrainTimeout = Seconds(name, value); break;
            case "--stall": options.StallTimeout = Seconds(name, value); break;
            case "--cluster-settle": options.ClusterSettle = Seconds(name, value); break;
            case "--linger": options.Linger = TimeSpan.FromMilliseconds(Number(name, value)); break;
            case "--batch": options.BatchSize = Positive(name, value); break;
            case "--fetch": options.FetchMessages = Positive(name, value); break;
            case "--fetch-wait": options.FetchWait = TimeSpan.FromMilliseconds(Positive(name, value)); break;
            case "--partitions": options.PartitionsPerTopic = Positive(name, value); break;
            case "--scale-topics": options.ScaleTopics = List(value).Select(v => Positive(name, v)).Order().ToArray(); break;
            case "--active-topics": options.ActiveTopics = Positive(name, value); break;
            case "--long-log": options.LongLogMessages = Positive(name, value); break;
            case "--cluster-silos": options.ClusterSilos = Positive(name, value); break;
            case "--copy-duration": options.CopyDuration = Seconds(name, value); break;
            case "--copy-batch": options.CopyBatchRows = Positive(name, value); break;
            case "--bulk": options.BulkMessages = Positive(name, value); break;
            case "--out": options.OutputFile = Path.GetFullPath(value); break;
            case "--pid-file": options.PidFile = Path.GetFullPath(value); break;
            default: throw new ArgumentException($"unknown option '{name}'");
        }
    }

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new ArgumentException($"{name}: '{value}' is not a non-negative number");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name}: '{value}' is not a positive whole number");

    private static TimeSpan Seconds(string name, string value) => TimeSpan.FromSeconds(Number(name, value));
}
