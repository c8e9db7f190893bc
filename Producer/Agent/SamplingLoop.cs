using AkLight.Producer.Metrics;

namespace AkLight.Producer.Agent;

/// <summary>
/// Samples the source once per interval and adds the messages to the buffer — whether or not the broker is
/// reachable, so an outage leaves no gap as long as the buffer holds.
/// </summary>
internal static class SamplingLoop
{
    /// <summary>Runs until <paramref name="stop"/> is cancelled.</summary>
    public static async Task RunAsync(IMetricSource source, BoundedBuffer<OutgoingMessage> buffer, AgentOptions options, AgentStatus status, CancellationToken stop)
    {
        try
        {
            await source.PrimeAsync(stop).ConfigureAwait(false); // rates need a first reading to compare with
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error)
        {
            status.SamplingFailed(error.Message); // the first sample then only sets the baseline
        }

        using var timer = new PeriodicTimer(options.Interval);
        while (await NextTickAsync(timer, stop).ConfigureAwait(false))
        {
            var at = DateTimeOffset.UtcNow;
            IReadOnlyList<SourceSample> samples;
            try
            {
                samples = await source.SampleAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                status.SamplingFailed(error.Message); // e.g. the Docker Engine restarting; the next tick tries again
                continue;
            }
            status.SamplingWorks();
            foreach (var sample in samples)
            {
                foreach (var message in MetricMessages.From(sample, options.Host, options.ProducerId, options.Interval, at))
                    buffer.Add(message);
            }
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
