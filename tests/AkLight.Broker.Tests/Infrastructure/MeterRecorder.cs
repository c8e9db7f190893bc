using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AkLight.Grains.Telemetry;

namespace AkLight.Broker.Tests.Infrastructure;

/// <summary>
/// Measurements of the broker's meter that carry one tag value (a topic level, an owner kind), from its creation to its
/// disposal; other measurements are ignored, so traffic of other topics does not count.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, double Value)> _measurements = new();

    public MeterRecorder(string tag, object value)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BrokerMeters.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        void Record(Instrument instrument, double measured, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var pair in tags)
                if (pair.Key == tag && Equals(pair.Value, value)) _measurements.Enqueue((instrument.Name, measured));
        }
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _listener.Start();
    }

    public List<long> Values(string instrument) => _measurements.Where(m => m.Name == instrument).Select(m => (long)m.Value).ToList();

    public void Dispose() => _listener.Dispose();
}
