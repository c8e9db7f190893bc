using System.Net.Http.Headers;
using System.Text.Json;

namespace AkLight.Consumer.Monitoring;

/// <summary>
/// One WhatsApp recipient through Twilio's Messages API: <c>POST {api}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>,
/// form-encoded <c>To</c>, <c>From</c> (both <c>whatsapp:+E.164</c>) and <c>Body</c>, HTTP basic authentication
/// with the account SID and auth token; Twilio answers 201 with the queued message. Plain HTTP rather than
/// Twilio's library: three form fields, and the timeout, retries and base URL stay ours.
/// </summary>
internal sealed class TwilioWhatsAppChannel : IAlertChannel
{
    /// <summary>How long one request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Twilio's limit for a message body.</summary>
    public const int MaxBodyLength = 1600;

    private readonly WhatsAppSettings _settings;
    private readonly string _to;
    private readonly Uri _messages;
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue _authorization;

    /// <param name="handler">The HTTP handler; null for a real connection.</param>
    public TwilioWhatsAppChannel(WhatsAppSettings settings, string to, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _to = to;
        _messages = new Uri(settings.ApiUrl, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = RequestTimeout;
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
    }

    public string Name => "whatsapp";

    public string Destination => $"{_to} (Twilio)";

    /// <summary>The text a recipient reads: the alert's own words and when it happened.</summary>
    public static string Body(AlertEvent alert)
    {
        var text = $"AKLight: {alert.Message} at {alert.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
        return text.Length <= MaxBodyLength ? text : text[..MaxBodyLength];
    }

    public async Task<DeliveryProblem?> SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _messages)
        {
            Content = new FormUrlEncodedContent(
            [
                new("To", "whatsapp:" + _to),
                new("From", "whatsapp:" + _settings.From),
                new("Body", Body(alert)),
            ]),
        };
        request.Headers.Authorization = _authorization;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return null;
            var detail = TwilioError(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return DeliveryProblem.FromStatus((int)response.StatusCode, $"{response.ReasonPhrase}{detail}");
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

    /// <summary>Twilio's error document (<c>{"code":20003,"message":"Authenticate",...}</c>) in a few words, if it is one.</summary>
    private static string TwilioError(string body)
    {
        try
        {
            using var error = JsonDocument.Parse(body);
            var root = error.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message)) return "";
            var code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? $" (Twilio error {c.GetInt32()})" : "";
            return $": {message.GetString()}{code}";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    public void Dispose() => _http.Dispose();
}
