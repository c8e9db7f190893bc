using System.Diagnostics.Metrics;

namespace AkLight.Grains.Telemetry;

/// <summary>
/// One grain's contribution to an "active" gauge: counted once when set, uncounted once when cleared, however
/// often either is called (a session reopened, closed and then deactivated counts and uncounts once).
/// </summary>
public sealed class ActiveMark(UpDownCounter<long> gauge)
{
    private bool _set;

    public void Set()
    {
        if (_set) return;
        _set = true;
        gauge.Add(1);
    }

    public void Clear()
    {
        if (!_set) return;
        _set = false;
        gauge.Add(-1);
    }
}
