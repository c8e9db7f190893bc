using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace AkLight.TestSupport;

/// <summary>
/// Twilio's Messages API on a loopback port, checking requests as Twilio defines them:
/// <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, HTTP basic authentication with the account SID and
/// auth token, an <c>application/x-www-form-urlencoded</c> body with <c>To</c>, <c>From</c> and <c>Body</c>
/// (WhatsApp numbers as <c>whatsapp:+E.164</c>). Answers 201 with a queued message, 401 (Twilio error 20003) to bad
/// credentials, 400 (error 21211/21604) to a bad form, and 503 to the first <see cref="FailNext"/> requests.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test-auth-token-5f1e";

    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private int _failNext;

    public FakeTwilio()
    {
        Port = FreePorts.Pick();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>What <c>TWILIO_API_URL</c> should say.</summary>
    public string ApiUrl => $"http://127.0.0.1:{Port}/";

    /// <summary>Messages accepted (the form's fields), in order of arrival.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Messages { get; } = new();

    /// <summary>Every request's answer status, in order.</summary>
    public ConcurrentQueue<int> Answers { get; } = new();

    /// <summary>Makes the next <paramref name="count"/> requests fail with 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            var (status, body) = Answer(context.Request);
            Answers.Enqueue(status);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Answer(HttpListenerRequest request)
    {
        if (Interlocked.Decrement(ref _failNext) >= 0) return (503, Error(503, 20500, "Service unavailable"));
        if (request.HttpMethod != "POST" || request.Url?.AbsolutePath != $"/2010-04-01/Accounts/{AccountSid}/Messages.json")
            return (404, Error(404, 20404, $"no resource at {request.HttpMethod} {request.Url?.AbsolutePath}"));
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (request.Headers["Authorization"] != expected) return (401, Error(401, 20003, "Authenticate"));
        if (request.ContentType?.Split(';')[0].Trim() != "application/x-www-form-urlencoded")
            return (400, Error(400, 21604, $"expected a form-encoded body, got {request.ContentType}"));
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var form = ParseForm(reader.ReadToEnd());
        foreach (var field in new[] { "To", "From" })
            if (!form.TryGetValue(field, out var number) || !number.StartsWith("whatsapp:+", StringComparison.Ordinal))
                return (400, Error(400, 21211, $"Invalid '{field}' Phone Number"));
        if (!form.TryGetValue("Body", out var text) || text.Length is 0 or > 1600) return (400, Error(400, 21602, "Message body is required (at most 1600 characters)"));
        Messages.Enqueue(form);
        var sid = "SM" + Guid.NewGuid().ToString("N");
        return (201, JsonSerializer.Serialize(new { sid, account_sid = AccountSid, to = form["To"], from = form["From"], body = text, status = "queued" }));
    }

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Decode(kv[0]), kv => kv.Length > 1 ? Decode(kv[1]) : "", StringComparer.Ordinal);

    // Form encoding writes spaces as '+'.
    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string Error(int status, int code, string message) =>
        JsonSerializer.Serialize(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status });

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
