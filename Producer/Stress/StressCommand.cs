using System.Diagnostics;

namespace AkLight.Producer.Stress;

/// <summary>
/// <c>stress</c>: loads CPU, memory or both for a bounded time — steadily, or in spikes of load and idle —
/// to make a consumer's thresholds fire on purpose. Says what it does on standard output.
/// </summary>
internal static class StressCommand
{
    public static async Task<int> RunAsync(StressOptions options, TextWriter output, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var what = Describe(options);
        Say(output, options.SpikeEvery is { } every
            ? $"stress: {what} in spikes of {Seconds(every)} s, idle as long between them, for {Seconds(options.Duration)} s"
            : $"stress: {what} for {Seconds(options.Duration)} s");
        var loaded = true;
        while (!stop.IsCancellationRequested && clock.Elapsed < options.Duration)
        {
            var remaining = options.Duration - clock.Elapsed;
            var phaseEnd = clock.Elapsed + (options.SpikeEvery is { } spike && spike < remaining ? spike : remaining);
            if (loaded)
            {
                if (options.SpikeEvery is not null) Say(output, $"stress: load on at {Seconds(clock.Elapsed)} s");
                using var cpu = new CpuLoad(options.CpuWorkers);
                using var memory = new MemoryLoad(options.MemoryMegabytes);
                await WaitAsync(phaseEnd - clock.Elapsed, stop).ConfigureAwait(false); // allocating counts towards the phase
            }
            else
            {
                Say(output, $"stress: idle at {Seconds(clock.Elapsed)} s");
                await WaitAsync(phaseEnd - clock.Elapsed, stop).ConfigureAwait(false);
            }
            if (options.SpikeEvery is not null) loaded = !loaded;
        }
        Say(output, stop.IsCancellationRequested ? $"stress: stopped after {Seconds(clock.Elapsed)} s" : $"stress: done after {Seconds(clock.Elapsed)} s");
        return ExitCodes.Success;
    }

    private static string Describe(StressOptions options) =>
        (options.CpuWorkers, options.MemoryMegabytes) switch
        {
            ( > 0, > 0) => $"{options.CpuWorkers} busy CPU worker(s) and {options.MemoryMegabytes} MiB of memory",
            ( > 0, _) => $"{options.CpuWorkers} busy CPU worker(s)",
            (_, > 0) => $"{options.MemoryMegabytes} MiB of memory",
            _ => "nothing",
        };

    private static async Task WaitAsync(TimeSpan delay, CancellationToken stop)
    {
        if (delay <= TimeSpan.Zero) return;
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the caller's loop ends and the loads are released.
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static void Say(TextWriter output, string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}
