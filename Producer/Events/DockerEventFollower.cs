using AkLight.Monitoring.Events;
using AkLight.Producer.Agent;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace AkLight.Producer.Events;

/// <summary>
/// Follows the Docker Engine's event stream (<c>/events</c>, containers only) and adds each lifecycle event to the
/// agent's buffer, so events reach the broker through the same delivery loop as the metrics and survive a broker
/// outage as they do. When the stream breaks it connects again with <c>since</c> set to the newest event's time and
/// drops what it reads a second time (<see cref="EventStreamPosition"/>).
/// </summary>
internal sealed class DockerEventFollower(DockerClient client, string host, string producerId, BoundedBuffer<OutgoingMessage> buffer, AgentStatus status) : IDisposable
{
    /// <summary>
    /// Only what the agent publishes: fewer events on the wire (a health check alone makes three exec events per run).
    /// The engine matches <c>health_status</c> against <c>health_status: ...</c> as a prefix.
    /// </summary>
    private static readonly Dictionary<string, IDictionary<string, bool>> Filters = new()
    {
        ["type"] = new Dictionary<string, bool> { ["container"] = true },
        ["event"] = EventActions.All.ToDictionary(action => action, _ => true),
    };

    private readonly EventStreamPosition _position = new();
    private readonly Backoff _backoff = Backoff.ForDelivery();

    /// <summary>Follows the stream until <paramref name="stop"/> is cancelled, connecting again whenever it breaks.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var since = _position.Since;
                using var stream = await OpenAsync(since, stop).ConfigureAwait(false);
                status.EventsFollowing(since);
                await ReadAsync(stream, stop).ConfigureAwait(false);
                if (!stop.IsCancellationRequested) status.EventsInterrupted("the engine ended the stream");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is DockerApiException or HttpRequestException or IOException or OperationCanceledException or FormatException or ObjectDisposedException)
            {
                status.EventsInterrupted(error.Message);
            }
            try
            {
                await Task.Delay(_backoff.Next(), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The raw stream, one engine document a line: the parser keeps every attribute and the exact nanosecond, and is tested on the engine's own JSON.</summary>
    private Task<Stream> OpenAsync(string? since, CancellationToken stop)
    {
#pragma warning disable CS0618 // Docker.DotNet steers to its typed progress overload, which would hide the documents; the stream overload works as it always has
        return client.System.MonitorEventsAsync(new ContainerEventsParameters { Filters = Filters, Since = since }, stop);
#pragma warning restore CS0618
    }

    private async Task ReadAsync(Stream stream, CancellationToken stop)
    {
        // A read blocked on the socket does not watch the token; closing the stream ends it.
        await using var closeOnStop = stop.Register(stream.Dispose).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(stop).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var engineEvent = DockerEventParser.Parse(line);
            _backoff.Reset();
            if (!_position.IsNew(engineEvent) || engineEvent.Published is not { } published) continue;
            var containerEvent = published with { Producer = producerId };
            buffer.Add(new OutgoingMessage(EventTopics.For(host, containerEvent.Container, containerEvent.Action), containerEvent.ContainerId, containerEvent.ToJson()));
        }
    }

    public void Dispose() => client.Dispose();
}
