using System.Text;
using MQTTnet;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// Keeps MQTTnet's retained messages equal to the broker's (<see cref="RetainedMessages"/>): read in full before
/// the listener opens (MQTTnet loads them as it starts), then followed, so a retained message set through any
/// silo reaches new subscribers of every silo. MQTTnet then applies retain handling and retain-as-published itself.
/// </summary>
internal sealed class RetainedMirror(RetainedMessages retained, ILogger log) : IAsyncDisposable
{
    private static readonly TimeSpan FollowPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(30);
    private const int Batch = 500;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, MqttApplicationMessage> _loaded = new(StringComparer.Ordinal);
    private Task _following = Task.CompletedTask;
    private long _next;
    private bool _failing;

    /// <summary>Reads every retained message, for <see cref="OnLoadingAsync"/>.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CatchUpLimit);
        try
        {
            while (true)
            {
                var changes = await ReadNextAsync();
                if (changes.Count == 0) break;
                foreach (var (topic, message) in changes)
                    if (message is null) _loaded.Remove(topic);
                    else _loaded[topic] = message;
                limit.Token.ThrowIfCancellationRequested();
            }
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning(error, "MQTT door: retained messages not fully read at start; following them from now");
        }
    }

    /// <summary>MQTTnet starting: the retained messages read by <see cref="CatchUpAsync"/>.</summary>
    public Task OnLoadingAsync(LoadingRetainedMessagesEventArgs args)
    {
        args.LoadedRetainedMessages = [.. _loaded.Values];
        _loaded.Clear();
        return Task.CompletedTask;
    }

    /// <summary>Follows the changes made after the catch-up, in the background.</summary>
    public void Follow(MqttServer server) => _following = Task.Run(() => FollowAsync(server));

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _following;
    }

    private async Task FollowAsync(MqttServer server)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var changes = await ReadNextAsync();
                // An empty payload removes the topic's retained message.
                foreach (var (topic, message) in changes) await server.UpdateRetainedMessageAsync(message ?? new MqttApplicationMessage { Topic = topic });
                _failing = false;
                if (changes.Count > 0) continue;
            }
            catch (Exception error)
            {
                // Once per outage at warning level; its repetitions every half second at debug level.
                log.Log(_failing ? LogLevel.Debug : LogLevel.Warning, error, "MQTT door: reading retained messages failed; trying again");
                _failing = true;
            }
            await Task.WhenAny(Task.Delay(FollowPause, _stop.Token));
        }
    }

    /// <summary>The next changes: a topic with its retained message, or null when it was cleared (or has expired).</summary>
    private async Task<IReadOnlyList<(string Topic, MqttApplicationMessage? Message)>> ReadNextAsync()
    {
        var (changes, next) = await retained.ReadAsync(_next, Batch);
        var read = new List<(string, MqttApplicationMessage?)>();
        foreach (var change in changes)
        {
            if (change.Key is not { } key) continue;
            var topic = Encoding.UTF8.GetString(key);
            var message = change.Payload is { Length: > 0 } ? MqttMessageMapping.ToApplicationMessage(change with { Topic = topic }, DateTimeOffset.UtcNow) : null;
            if (message is not null) message.Retain = true;
            read.Add((topic, message));
        }
        _next = next;
        return read;
    }
}
