namespace AkLight.Silo.Broker;

/// <summary>
/// Long-lived streams a silo serves (Server-Sent Events), counted per principal and in total against
/// <c>AkLight:Limits:MaxStreams</c> and <c>MaxStreamsPerPrincipal</c>. A stream holds a slot while it is open.
/// </summary>
public sealed class StreamSlots(IOptions<LimitOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perPrincipal = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Takes a slot for <paramref name="principal"/> until the returned handle is disposed; throws when none is free.</summary>
    public IDisposable Acquire(Principal principal)
    {
        var limits = options.Value;
        lock (_gate)
        {
            if (_total >= limits.MaxStreams)
                throw new LimitExceededException("open streams on this silo", limits.MaxStreams, $"{LimitOptions.Section}:MaxStreams");
            var mine = _perPrincipal.GetValueOrDefault(principal.Name);
            if (mine >= limits.MaxStreamsPerPrincipal)
                throw new LimitExceededException($"open streams of '{principal.Name}' on this silo", limits.MaxStreamsPerPrincipal, $"{LimitOptions.Section}:MaxStreamsPerPrincipal");
            _perPrincipal[principal.Name] = mine + 1;
            _total++;
        }
        return new Slot(this, principal.Name);
    }

    private void Release(string principal)
    {
        lock (_gate)
        {
            _total--;
            if (--_perPrincipal[principal] == 0) _perPrincipal.Remove(principal);
        }
    }

    private sealed class Slot(StreamSlots slots, string principal) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release(principal);
        }
    }
}
