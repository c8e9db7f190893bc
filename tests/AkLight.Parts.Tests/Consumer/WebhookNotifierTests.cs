using System.Net;

namespace AkLight.Parts.Tests.Consumer;

public sealed class WebhookNotifierTests
{
    private static readonly Uri Url = new("http://127.0.0.1:9/hook");

    private static AlertEvent Alert(string rule = "cpu-high") =>
        new(rule, "h1", "web", true, 90, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), "FIRING");

    [Fact]
    public async Task Posts_each_alert_as_the_published_json_in_order()
    {
        var handler = new RecordingHandler(_ => HttpStatusCode.NoContent);
        var reports = new List<string>();
        await using (var webhook = new WebhookNotifier(Url, reports.Add, handler))
        {
            webhook.Notify(Alert("a"));
            webhook.Notify(Alert("b"));
        } // closing sends what is queued

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal(HttpMethod.Post, r.Method);
            Assert.Equal(Url, r.Url);
            Assert.Equal("application/json", r.ContentType);
        });
        Assert.Equal(AlertJson.PayloadText(Alert("a")), handler.Requests[0].Body);
        Assert.Equal(["a", "b"], handler.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("rule").GetString()));
        Assert.Empty(reports);
    }

    [Fact]
    public async Task A_failing_webhook_is_tried_a_bounded_number_of_times_then_reported()
    {
        var (handler, reports) = await NotifyOnceAsync(_ => HttpStatusCode.ServiceUnavailable);

        Assert.Equal(WebhookNotifier.Attempts, handler.Requests.Count);
        var report = Assert.Single(reports);
        Assert.Contains("503", report, StringComparison.Ordinal);
        Assert.Contains("cpu-high", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_request_is_not_tried_again()
    {
        var (handler, reports) = await NotifyOnceAsync(_ => HttpStatusCode.BadRequest);

        Assert.Single(handler.Requests);
        Assert.Single(reports);
    }

    [Fact]
    public async Task An_unreachable_webhook_is_reported_without_throwing()
    {
        var (_, reports) = await NotifyOnceAsync(_ => throw new HttpRequestException("connection refused"));

        Assert.Contains("connection refused", Assert.Single(reports), StringComparison.Ordinal);
    }

    /// <summary>One alert through a webhook whose server answers as <paramref name="answer"/> says, retried without waiting.</summary>
    private static async Task<(RecordingHandler Handler, List<string> Reports)> NotifyOnceAsync(Func<HttpRequestMessage, HttpStatusCode> answer)
    {
        var handler = new RecordingHandler(answer);
        var reports = new List<string>();
        await using (var webhook = new WebhookNotifier(Url, reports.Add, handler, retryDelay: TimeSpan.FromMilliseconds(1)))
        {
            webhook.Notify(Alert());
        }
        return (handler, reports);
    }

    private sealed class RecordingHandler(Func<HttpRequestMessage, HttpStatusCode> answer) : HttpMessageHandler
    {
        public List<(HttpMethod Method, Uri? Url, string? ContentType, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests) Requests.Add((request.Method, request.RequestUri, request.Content?.Headers.ContentType?.MediaType, body));
            return new HttpResponseMessage(answer(request));
        }
    }
}
