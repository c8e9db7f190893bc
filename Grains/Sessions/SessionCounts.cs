namespace AkLight.Grains.Sessions;

/// <summary>
/// Open sessions as leases, by principal: what <see cref="SessionCountGrain"/> holds. Plain, so the limits and
/// the expiry are tested without a silo.
/// </summary>
public sealed class SessionCounts
{
    private readonly Dictionary<string, (string Principal, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perPrincipal = new(StringComparer.Ordinal);

    public int Total => _sessions.Count;

    public int Of(string principal) => _perPrincipal.GetValueOrDefault(principal);

    /// <summary>Counts (or renews) a session; false when it is new and a limit is reached.</summary>
    public bool TryAcquire(string sessionId, string principal, DateTimeOffset expires, int maxTotal, int maxPerPrincipal, DateTimeOffset now)
    {
        Expire(now);
        if (_sessions.TryGetValue(sessionId, out var held) && held.Principal == principal)
        {
            _sessions[sessionId] = (principal, expires);
            return true;
        }
        if (held.Principal is not null) Release(sessionId);
        if (_sessions.Count >= maxTotal || Of(principal) >= maxPerPrincipal) return false;
        _sessions[sessionId] = (principal, expires);
        _perPrincipal[principal] = Of(principal) + 1;
        return true;
    }

    public void Release(string sessionId)
    {
        if (!_sessions.Remove(sessionId, out var held)) return;
        if (--_perPrincipal[held.Principal] == 0) _perPrincipal.Remove(held.Principal);
    }

    /// <summary>Forgets sessions whose lease ran out (their silo died, or they were dropped without a close).</summary>
    public void Expire(DateTimeOffset now)
    {
        foreach (var (id, _) in _sessions.Where(s => s.Value.Expires <= now).ToArray()) Release(id);
    }
}
