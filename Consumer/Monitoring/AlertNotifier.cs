using System.Threading.Channels;

namespace AkLight.Consumer.Monitoring;

/// <summary>
/// Sends alerts through an <see cref="IAlertChannel"/>, in order, from a background loop: the consume loop only
/// queues, so a slow or dead destination never blocks the monitor. A failed attempt is tried
/// <see cref="Attempts"/> times in all, with a pause doubling from the retry delay (a refused request only once),
/// then reported and dropped. When the queue is full new alerts are dropped and reported.
/// </summary>
internal class AlertNotifier : IAsyncDisposable
{
    public const int Attempts = 3;

    private const int QueueCapacity = 256;

    /// <summary>How long closing waits for queued alerts to be sent.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    private readonly IAlertChannel _channel;
    private readonly Action<string> _report;
    private readonly TimeSpan _retryDelay;
    private readonly Channel<AlertEvent> _queue = Channel.CreateBounded<AlertEvent>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse, so the caller can report the drop
    });
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _sending;

    /// <param name="retryDelay">Pause before the second attempt, doubled before the next (default 1 s).</param>
    public AlertNotifier(IAlertChannel channel, Action<string> report, TimeSpan? retryDelay = null)
    {
        _channel = channel;
        _report = report;
        _retryDelay = retryDelay ?? TimeSpan.FromSeconds(1);
        _sending = Task.Run(SendLoopAsync);
    }

    /// <summary>Queues an alert; never waits.</summary>
    public void Notify(AlertEvent alert)
    {
        if (!_queue.Writer.TryWrite(alert))
            _report($"{_channel.Name}: queue full ({QueueCapacity} alerts waiting), alert {alert.Rule} for {AlertJson.Key(alert)} dropped");
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false)) await SendAsync(alert).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Closing took too long: what is still queued is given up.
        }
    }

    private async Task SendAsync(AlertEvent alert)
    {
        var delay = _retryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var problem = await _channel.SendAsync(alert, _abort.Token).ConfigureAwait(false);
            if (problem is null) return;
            if (problem.Value.Final || attempt >= Attempts)
            {
                _report($"{_channel.Name}: alert {alert.Rule} for {AlertJson.Key(alert)} not delivered to {_channel.Destination} after {attempt} attempt(s): {problem.Value.Reason}");
                return;
            }
            await Task.Delay(delay, _abort.Token).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <summary>Sends what is queued, waiting at most a few seconds, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _sending.WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _report($"{_channel.Name}: alerts still unsent after {CloseTimeout.TotalSeconds:0} s were dropped");
            await _abort.CancelAsync().ConfigureAwait(false);
            await _sending.ConfigureAwait(false);
        }
        _channel.Dispose();
        _abort.Dispose();
        GC.SuppressFinalize(this);
    }
}
