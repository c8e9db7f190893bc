namespace AkLight.Producer.Stress;

/// <summary>What <c>stress</c> was asked to load, and for how long.</summary>
/// <param name="CpuWorkers">Threads spinning on a CPU each; 0 for none.</param>
/// <param name="MemoryMegabytes">MiB to allocate and touch; 0 for none.</param>
/// <param name="Duration">How long the whole run lasts.</param>
/// <param name="SpikeEvery">When set, load for this long, then idle for this long, in turn.</param>
internal sealed record class StressOptions(int CpuWorkers, int MemoryMegabytes, TimeSpan Duration, TimeSpan? SpikeEvery)
{
    public const int DefaultSeconds = 30;

    /// <summary>Bounds that keep a typo from hanging or exhausting the machine: an hour, 64 GiB, 1024 threads.</summary>
    private const int MaxSeconds = 3600, MaxMegabytes = 65_536, MaxWorkers = 1024;

    public static readonly string[] ValueOptions = ["cpu", "memory", "seconds", "spike-every"];

    /// <summary>
    /// Reads the options; with neither <c>--cpu</c> nor <c>--memory</c>, loads every core. Throws
    /// <see cref="UsageException"/> for anything wrong.
    /// </summary>
    public static StressOptions From(ParsedArguments args)
    {
        var cpu = Whole(args, "cpu", 0, MaxWorkers);
        var memory = Whole(args, "memory", 0, MaxMegabytes);
        var seconds = Seconds(args, "seconds") ?? DefaultSeconds;
        if (seconds > MaxSeconds) throw new UsageException($"option '--seconds' is at most {MaxSeconds}");
        var spike = Seconds(args, "spike-every");
        var workers = cpu ?? (memory is null ? Environment.ProcessorCount : 0);
        return new StressOptions(workers, memory ?? 0, TimeSpan.FromSeconds(seconds), spike is null ? null : TimeSpan.FromSeconds(spike.Value));
    }

    private static int? Whole(ParsedArguments args, string name, int min, int max)
    {
        var text = args.Single(name);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"option '--{name}' needs a whole number from {min} to {max}, not '{text}'");
    }

    private static double? Seconds(ParsedArguments args, string name)
    {
        var text = args.Single(name);
        if (text is null) return null;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UsageException($"option '--{name}' needs a positive number of seconds, not '{text}'");
    }
}
