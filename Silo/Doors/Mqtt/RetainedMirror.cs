using System.Text;
using AkLight.Silo.Broker;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// Keeps MQTTnet's retained messages equal to the broker's (<see cref="RetainedMessages"/>): read in full before
/// the listener takes connections, then followed, so a retained message set through any silo reaches new
/// subscribers of every silo. MQTTnet then applies retain handling and retain-as-published itself.
/// </summary>
internal sealed class RetainedMirror : IAsyncDisposable
{
    private static readonly TimeSpan FollowPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(30);
    private const int Batch = 500;
    private readonly RetainedMessages _retained;
    private readonly MqttServer _server;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private Task _following = Task.CompletedTask;
    private long _next;
    private bool _failing;

    public RetainedMirror(RetainedMessages retained, MqttServer server, ILogger log)
    {
        _retained = retained;
        _server = server;
        _log = log;
    }

    /// <summary>Reads every retained message, then follows changes in the background.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CatchUpLimit);
        try
        {
            while (await ApplyNextAsync() > 0) limit.Token.ThrowIfCancellationRequested();
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            _log.LogWarning(error, "MQTT door: retained messages not fully read at start; following them from now");
        }
        _following = Task.Run(FollowAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _following;
    }

    private async Task FollowAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var applied = await ApplyNextAsync();
                _failing = false;
                if (applied > 0) continue;
            }
            catch (Exception error)
            {
                // Once per outage at warning level; its repetitions every half second at debug level.
                _log.Log(_failing ? LogLevel.Debug : LogLevel.Warning, error, "MQTT door: reading retained messages failed; trying again");
                _failing = true;
            }
            await Task.WhenAny(Task.Delay(FollowPause, _stop.Token));
        }
    }

    private async Task<int> ApplyNextAsync()
    {
        var (changes, next) = await _retained.ReadAsync(_next, Batch);
        foreach (var change in changes)
        {
            if (change.Key is not { } key) continue;
            var topic = Encoding.UTF8.GetString(key);
            var message = MqttMessageMapping.ToApplicationMessage(change with { Topic = topic }, DateTimeOffset.UtcNow);
            // A clear, or an expired message: an empty payload removes the topic's retained message.
            message ??= new MQTTnet.MqttApplicationMessage { Topic = topic };
            message.Retain = true;
            await _server.UpdateRetainedMessageAsync(message);
        }
        _next = next;
        return changes.Count;
    }
}
