using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;

namespace AkLight.Silo.Metrics;

/// <summary>
/// Records every pause the garbage collector makes in this process, by the generation collected, as the histogram
/// <c>aklight.gc.pause</c>. The runtime's own meter gives only the total pause time; a tail latency is made of the
/// long pauses, so their distribution is what an operator (and the benchmark) needs. A pause runs from the runtime's
/// suspension of managed threads (GCSuspendEEBegin) to their restart (GCRestartEEEnd), as PerfView counts it.
/// </summary>
internal sealed class GcPauseListener : EventListener
{
    public const string MeterName = "AkLight.Runtime";

    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int GcStart = 1;
    private const int RestartEnd = 3;
    private const int SuspendBegin = 9;

    private static readonly Meter Meter = new(MeterName);

    // Gen0 pauses of a healthy broker are a few milliseconds; the buckets resolve that range.
    private static readonly Histogram<double> Pauses = Meter.CreateHistogram(
        "aklight.gc.pause", "s", "Pauses of the garbage collector (threads suspended to restarted), by the generation collected",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 1] });

    private DateTime? _suspended;
    private int? _generation;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        // Called from the base constructor for sources that exist already: no instance field is set yet here.
        if (eventSource.Name == RuntimeSource) EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventId)
        {
            case SuspendBegin:
                _suspended = e.TimeStamp;
                _generation = null;
                break;
            case GcStart when _suspended is not null && e.Payload is { Count: > 1 } payload:
                _generation = Convert.ToInt32(payload[1]); // Depth: the generation this collection collects
                break;
            case RestartEnd when _suspended is { } start:
                Pauses.Record((e.TimeStamp - start).TotalSeconds,
                    new KeyValuePair<string, object?>("generation", _generation is { } generation ? generation.ToString() : "none"));
                _suspended = null;
                break;
        }
    }

    /// <summary>Starts the listener with the host and disposes it when the host stops.</summary>
    internal sealed class Service : IHostedService, IDisposable
    {
        private GcPauseListener? _listener;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _listener = new GcPauseListener();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Dispose();
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _listener?.Dispose();
            _listener = null;
        }
    }
}
