using System.Net.Http.Headers;
using System.Threading.Channels;
using AkLight.Monitoring.Alerts;

namespace AkLight.Consumer.Monitoring;

/// <summary>
/// POSTs each alert as <see cref="AlertJson"/> to a webhook, in order, from a background loop: the consume
/// loop only queues. Each POST may take <see cref="RequestTimeout"/>; a failed one is tried
/// <see cref="Attempts"/> times in all (a 4xx answer only once), then reported and dropped. When the queue is
/// full (the webhook is down or slow) new alerts are dropped and reported.
/// </summary>
internal sealed class WebhookNotifier : IAsyncDisposable
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    public const int Attempts = 3;

    private const int QueueCapacity = 256;

    /// <summary>How long closing waits for queued alerts to be sent.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly Action<string> _report;
    private readonly TimeSpan _retryDelay;
    private readonly Channel<AlertEvent> _queue = Channel.CreateBounded<AlertEvent>(new BoundedChannelOptions(QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse, so the caller can report the drop
    });
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _sending;

    /// <param name="handler">The HTTP handler (tests pass a fake one); null for a real connection.</param>
    /// <param name="retryDelay">Pause before the second attempt, doubled before the next (default 1 s).</param>
    public WebhookNotifier(Uri url, Action<string> report, HttpMessageHandler? handler = null, TimeSpan? retryDelay = null)
    {
        _url = url;
        _report = report;
        _retryDelay = retryDelay ?? TimeSpan.FromSeconds(1);
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = RequestTimeout;
        _sending = Task.Run(SendLoopAsync);
    }

    /// <summary>Queues an alert; never waits.</summary>
    public void Notify(AlertEvent alert)
    {
        if (!_queue.Writer.TryWrite(alert))
            _report($"webhook: queue full ({QueueCapacity} alerts waiting), alert {alert.Rule} for {AlertJson.Key(alert)} dropped");
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
            var problem = await PostAsync(alert).ConfigureAwait(false);
            if (problem is null) return;
            if (problem.Value.Final || attempt >= Attempts)
            {
                _report($"webhook: alert {alert.Rule} for {AlertJson.Key(alert)} not delivered to {_url} after {attempt} attempt(s): {problem.Value.Reason}");
                return;
            }
            await Task.Delay(delay, _abort.Token).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <summary>One POST; null when the webhook accepted it, else why not and whether trying again is pointless.</summary>
    private async Task<(string Reason, bool Final)?> PostAsync(AlertEvent alert)
    {
        using var content = new ByteArrayContent(AlertJson.Payload(alert));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _http.PostAsync(_url, content, _abort.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return null;
            var status = (int)response.StatusCode;
            return ($"HTTP {status} {response.ReasonPhrase}", status is >= 400 and < 500 and not 408 and not 429);
        }
        catch (HttpRequestException error)
        {
            return (error.Message, false);
        }
        catch (TaskCanceledException) when (!_abort.IsCancellationRequested)
        {
            return ($"no answer within {RequestTimeout.TotalSeconds:0} s", false);
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
            _report($"webhook: alerts still unsent after {CloseTimeout.TotalSeconds:0} s were dropped");
            await _abort.CancelAsync().ConfigureAwait(false);
            await _sending.ConfigureAwait(false);
        }
        _http.Dispose();
        _abort.Dispose();
    }
}
