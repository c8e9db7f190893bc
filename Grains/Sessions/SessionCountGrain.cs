namespace AkLight.Grains.Sessions;

/// <summary>The broker's session counts (see <see cref="ISessionCountGrain"/>); in memory: sessions renew their leases.</summary>
public sealed class SessionCountGrain(IOptions<LimitOptions> options, TimeProvider time) : Grain, ISessionCountGrain
{
    private readonly SessionCounts _counts = new();

    public Task AcquireAsync(string sessionId, string principal, TimeSpan lease)
    {
        var limits = options.Value;
        var now = time.GetUtcNow();
        if (!_counts.TryAcquire(sessionId, principal, now + lease, limits.MaxSessions, limits.MaxSessionsPerPrincipal, now))
        {
            throw _counts.Total >= limits.MaxSessions
                ? new LimitExceededException("open sessions in the broker", limits.MaxSessions, $"{LimitOptions.Section}:MaxSessions")
                : new LimitExceededException($"open sessions of '{principal}'", limits.MaxSessionsPerPrincipal, $"{LimitOptions.Section}:MaxSessionsPerPrincipal");
        }
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string sessionId)
    {
        _counts.Release(sessionId);
        return Task.CompletedTask;
    }
}
