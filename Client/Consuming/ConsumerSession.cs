using System.Runtime.CompilerServices;

namespace AkLight.Client.Consuming;

/// <summary>
/// A consumer's session on the broker: messages pulled in batches with a long-poll wait, offsets committed
/// for what the caller has processed. Open it with <see cref="OpenAsync"/>.
/// </summary>
public sealed class ConsumerSession
{
    private readonly IConsumerSessionGrain _grain;
    private readonly Connection.GatewayLoss? _gatewayLoss;
    private long _fetchNumber = 1; // moves on only when a fetch was answered
    private readonly Dictionary<TopicPartition, long> _processed = [];

    private ConsumerSession(IConsumerSessionGrain grain, string id, SessionInfo opened, Connection.GatewayLoss? gatewayLoss)
    {
        _grain = grain;
        _gatewayLoss = gatewayLoss;
        Id = id;
        Opened = opened;
    }

    public string Id { get; }

    /// <summary>The session as it was when opened: filters and starting positions.</summary>
    public SessionInfo Opened { get; }

    /// <summary>Most messages per fetch.</summary>
    public int FetchSize { get; set; } = 1000;

    /// <summary>How long a fetch waits on the broker for messages when none are ready.</summary>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Opens (or, persistent, resumes) session <paramref name="id"/>. Throws <see cref="ArgumentException"/> for a bad filter.</summary>
    public static async Task<ConsumerSession> OpenAsync(IGrainFactory grains, string id, SessionOptions options)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("a session needs an id", nameof(id));
        options.ParseFilters();
        var grain = grains.GetGrain<IConsumerSessionGrain>(id);
        var info = await grain.OpenAsync(options).ConfigureAwait(false);
        return new ConsumerSession(grain, id, info, Connection.GatewayLoss.Of(grains));
    }

    /// <summary>
    /// One fetch: up to <paramref name="maxMessages"/>, waiting up to <paramref name="wait"/> when none are ready.
    /// A fetch that failed (say its answer timed out) is repeated by the next call: the session goes back to where
    /// it began, so the messages of a lost answer are delivered again rather than skipped.
    /// </summary>
    public async Task<IReadOnlyList<ConsumedMessage>> FetchAsync(int maxMessages, TimeSpan wait)
    {
        // A fetch abandoned when a gateway goes is retried by the next call under the same number.
        var batch = await Connection.GatewayLoss.GuardAsync(_gatewayLoss, () => _grain.FetchAsync(maxMessages, wait, _fetchNumber)).ConfigureAwait(false);
        _fetchNumber++; // answered: the next call is a new fetch
        return batch;
    }

    /// <summary>
    /// Messages as they arrive, until cancelled. A message counts as processed when the caller asks for the next
    /// one; with <paramref name="autoCommit"/> the processed offsets are committed after each fetched batch.
    /// </summary>
    public async IAsyncEnumerable<ConsumedMessage> ConsumeAsync(bool autoCommit = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await Retry.TransientAsync(() => FetchAsync(FetchSize, FetchWait), cancellationToken).ConfigureAwait(false);
            foreach (var message in batch)
            {
                // Stop mid-batch when asked: what was not handed out is not processed, so it is not committed.
                if (cancellationToken.IsCancellationRequested) break;
                yield return message;
                _processed[new TopicPartition(message.Topic, message.Partition)] = message.Offset + 1;
            }
            if (autoCommit && batch.Count > 0) await CommitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Commits the offsets of everything processed through <see cref="ConsumeAsync"/>.</summary>
    public async Task CommitAsync()
    {
        if (_processed.Count == 0) return;
        var offsets = _processed.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value)).ToArray();
        await _grain.CommitAsync(offsets).ConfigureAwait(false);
    }

    /// <summary>Commits explicit offsets (each the next offset to read).</summary>
    public Task CommitAsync(IReadOnlyList<TopicPartitionOffset> offsets) => _grain.CommitAsync(offsets);

    public Task SeekAsync(string topic, int partition, long offset) => _grain.SeekAsync(new TopicPartitionOffset(topic, partition, offset));

    public Task SeekToTimeAsync(DateTimeOffset time, string? topic = null) => _grain.SeekToTimeAsync(time, topic);

    public Task<SessionInfo> DescribeAsync() => _grain.DescribeAsync();

    /// <summary>Closes the session; a persistent session's offsets are deleted.</summary>
    public Task CloseAsync() => _grain.CloseAsync();
}
