namespace AkLight;

/// <summary>
/// Counts the open consumer sessions of the whole broker and of each principal, for the session limits. One
/// instance (key <see cref="Key"/>), touched when a session opens, closes or renews, never per message. Counts
/// are leases: a session lost with its silo stops counting once its lease runs out.
/// </summary>
public interface ISessionCountGrain : IGrainWithStringKey
{
    const string Key = "sessions";

    /// <summary>
    /// Counts <paramref name="sessionId"/> for <paramref name="principal"/> (again: renews it) until
    /// <paramref name="lease"/> from now. Throws <see cref="LimitExceededException"/> for a new session over a limit.
    /// </summary>
    [BrokerInternal]
    Task AcquireAsync(string sessionId, string principal, TimeSpan lease);

    /// <summary>Stops counting <paramref name="sessionId"/>.</summary>
    [BrokerInternal]
    Task ReleaseAsync(string sessionId);
}
