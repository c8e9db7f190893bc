using System.Net.Http.Headers;

namespace AkLight.Consumer.Monitoring;

/// <summary>POSTs each alert as <see cref="AlertJson"/> to a webhook (queued, retried: see <see cref="AlertNotifier"/>).</summary>
internal sealed class WebhookNotifier(Uri url, Action<string> report, HttpMessageHandler? handler = null, TimeSpan? retryDelay = null)
    : AlertNotifier(new WebhookChannel(url, handler), report, retryDelay)
{
    /// <summary>How long one POST may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private sealed class WebhookChannel : IAlertChannel
    {
        private readonly Uri _url;
        private readonly HttpClient _http;

        /// <param name="handler">The HTTP handler (tests pass a fake one); null for a real connection.</param>
        public WebhookChannel(Uri url, HttpMessageHandler? handler)
        {
            _url = url;
            _http = handler is null ? new HttpClient() : new HttpClient(handler);
            _http.Timeout = RequestTimeout;
        }

        public string Name => "webhook";

        public string Destination => _url.ToString();

        public async Task<DeliveryProblem?> SendAsync(AlertEvent alert, CancellationToken cancellationToken)
        {
            using var content = new ByteArrayContent(AlertJson.Payload(alert));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            try
            {
                using var response = await _http.PostAsync(_url, content, cancellationToken).ConfigureAwait(false);
                return response.IsSuccessStatusCode ? null : DeliveryProblem.FromStatus((int)response.StatusCode, response.ReasonPhrase ?? "");
            }
            catch (HttpRequestException error)
            {
                return new DeliveryProblem(error.Message, false);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new DeliveryProblem($"no answer within {RequestTimeout.TotalSeconds:0} s", false);
            }
        }

        public void Dispose() => _http.Dispose();
    }
}
