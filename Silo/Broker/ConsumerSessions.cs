namespace AkLight.Silo.Broker;

/// <summary>
/// Consumer sessions for every door: open (each filter checked against the principal's rules), fetch, commit,
/// seek, describe and close. A session belongs to the principal that opened it; the session grain refuses
/// anyone else.
/// </summary>
public sealed class ConsumerSessions(IGrainFactory grains, IOptions<BrokerServiceOptions> options)
{
    /// <summary>Opens <paramref name="sessionId"/> (one is made up when null, with <paramref name="idPrefix"/>).</summary>
    public async Task<SessionInfo> OpenAsync(Principal principal, string? sessionId, SessionOptions session, string idPrefix)
    {
        var id = sessionId ?? $"{idPrefix}-{Guid.NewGuid():N}";
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("a session id cannot be blank; leave it out to get one made up");
        foreach (var filter in session.ParseFilters()) AccessPolicy.Authorize(principal, BrokerOperation.Consume, filter);
        CallerIdentity.Set(principal);
        return await Session(id).OpenAsync(session);
    }

    /// <summary>
    /// Gives the session <paramref name="filters"/>, keeping where it is in every partition it reads already; the
    /// partitions a new filter adds start at <paramref name="start"/> (live end, earliest or a time). A persistent
    /// session goes back to its commits. Opens the session when it is not open.
    /// </summary>
    public async Task<SessionInfo> ChangeFiltersAsync(Principal principal, string sessionId, bool persistent, IReadOnlyList<string> filters, StartPosition start)
    {
        IReadOnlyList<TopicPartitionOffset> positions;
        try
        {
            var info = await DescribeAsync(principal, sessionId);
            positions = info.Partitions.Select(p => new TopicPartitionOffset(p.Topic, p.Partition, p.Position)).ToArray();
        }
        catch (UnknownSessionException)
        {
            positions = [];
        }
        return await OpenAsync(principal, sessionId, new SessionOptions(filters, persistent, new StartPosition(start.From, start.Time, positions)), "");
    }

    public Task<SessionInfo> DescribeAsync(Principal principal, string sessionId) =>
        As(principal, () => Session(sessionId).DescribeAsync());

    /// <summary>Up to <paramref name="maxMessages"/> messages, waiting up to <paramref name="wait"/> (capped at <see cref="BrokerServiceOptions.MaxFetchWait"/>).</summary>
    public Task<IReadOnlyList<ConsumedMessage>> FetchAsync(Principal principal, string sessionId, int maxMessages, TimeSpan wait, long fetchNumber = 0) =>
        As(principal, () => Session(sessionId).FetchAsync(maxMessages, wait > options.Value.MaxFetchWait ? options.Value.MaxFetchWait : wait, fetchNumber));

    public Task CommitAsync(Principal principal, string sessionId, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        AccessPolicy.AuthorizeCommits(principal, offsets);
        return As(principal, () => Session(sessionId).CommitAsync(offsets));
    }

    public Task SeekAsync(Principal principal, string sessionId, TopicPartitionOffset offset)
    {
        AccessPolicy.AuthorizeCommits(principal, [offset]);
        return As(principal, () => Session(sessionId).SeekAsync(offset));
    }

    public Task SeekToTimeAsync(Principal principal, string sessionId, DateTimeOffset time, string? topic) =>
        As(principal, () => Session(sessionId).SeekToTimeAsync(time, topic));

    public Task CloseAsync(Principal principal, string sessionId) =>
        As(principal, () => Session(sessionId).CloseAsync());

    /// <summary>The longest wait a fetch gets.</summary>
    public TimeSpan MaxFetchWait => options.Value.MaxFetchWait;

    private IConsumerSessionGrain Session(string id) => grains.GetGrain<IConsumerSessionGrain>(id);

    /// <summary>Runs <paramref name="call"/> as <paramref name="principal"/>, whom the session grain checks against its owner.</summary>
    private static async Task<T> As<T>(Principal principal, Func<Task<T>> call)
    {
        CallerIdentity.Set(principal);
        return await call();
    }

    private static async Task As(Principal principal, Func<Task> call)
    {
        CallerIdentity.Set(principal);
        await call();
    }
}
