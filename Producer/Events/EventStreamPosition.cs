namespace AkLight.Producer.Events;

/// <summary>
/// Where the agent is in the engine's event stream, so a new connection resumes without a gap and without repeats:
/// <see cref="Since"/> is the newest event's time, which the engine takes as inclusive (it sends again the events of
/// that very nanosecond), so <see cref="IsNew"/> remembers the events of the last <see cref="Margin"/> by time,
/// id and action and refuses them the second time.
/// </summary>
internal sealed class EventStreamPosition
{
    /// <summary>How far behind the newest event the agent still recognises a repeat: events of one stream can be a hair out of order.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    private readonly HashSet<(long TimeNano, string Id, string Action)> _recent = [];
    private long _newest;

    /// <summary>The <c>since</c> of the next connection (<c>seconds.nanoseconds</c>), or null before the first event: then only new events.</summary>
    public string? Since => _newest == 0
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"{_newest / 1_000_000_000}.{_newest % 1_000_000_000:D9}");

    /// <summary>True the first time an event is seen; false when a reconnection reads it again.</summary>
    public bool IsNew(EngineEvent engineEvent)
    {
        if (!_recent.Add((engineEvent.TimeNano, engineEvent.Id, engineEvent.Action))) return false;
        if (engineEvent.TimeNano > _newest)
        {
            _newest = engineEvent.TimeNano;
            _recent.RemoveWhere(seen => seen.TimeNano < _newest - Margin.Ticks * 100);
        }
        return true;
    }
}
