using System.Collections.Concurrent;
using System.Net.Sockets;

namespace AkLight.Pipeline.ProcessTests.Infrastructure;

/// <summary>
/// The parts of the Docker Engine API the agent calls, on a Unix socket of its own, speaking HTTP/1.1 as the engine
/// does: <c>GET /_ping</c>, <c>GET /containers/json</c> (no containers), and <c>GET /events</c>, a chunked stream of
/// one event document a line in the Engine API's <c>EventMessage</c> shape. As the engine, it keeps the events it
/// has sent and, for a request with <c>since</c>, sends again every event from that time on (inclusive) before the
/// live ones. <see cref="EndStreams"/> ends the open streams, as an engine restart would.
/// </summary>
public sealed class FakeDockerEngine : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aklight-engine-");
    private readonly Task _accepting;
    private readonly object _gate = new();
    private readonly List<(long TimeNano, string Document)> _history = [];
    private readonly List<EventStream> _streams = [];
    private readonly CancellationTokenSource _stop = new();
    private long _lastTimeNano;

    public FakeDockerEngine()
    {
        SocketPath = Path.Combine(_folder.FullName, "docker.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(16);
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>What the agent's <c>--docker-socket</c> should say.</summary>
    public string SocketPath { get; }

    /// <summary>The query string of every <c>/events</c> request, in order of arrival.</summary>
    public ConcurrentQueue<string> EventRequests { get; } = new();

    /// <summary>Event streams open now.</summary>
    public int OpenStreams
    {
        get { lock (_gate) return _streams.Count; }
    }

    /// <summary>
    /// Logs a container event now, as the engine does: attributes are the container's <c>image</c> and <c>name</c>
    /// plus <paramref name="attributes"/>; returns its <c>timeNano</c>. Times are unique and increasing.
    /// </summary>
    public long Emit(string id, string name, string action, params (string Name, string Value)[] attributes)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["image"] = "alpine:latest", ["name"] = name };
        foreach (var (key, value) in attributes) all[key] = value;
        lock (_gate)
        {
            var timeNano = Math.Max(_lastTimeNano + 1, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
            _lastTimeNano = timeNano;
            var document = JsonSerializer.Serialize(new
            {
                Type = "container",
                Action = action,
                Actor = new { ID = id, Attributes = all },
                scope = "local",
                time = timeNano / 1_000_000_000,
                timeNano,
            });
            _history.Add((timeNano, document));
            foreach (var stream in _streams.ToArray()) stream.Write(document);
            return timeNano;
        }
    }

    /// <summary>Ends every open event stream cleanly (the last chunk), as an engine going away would.</summary>
    public void EndStreams()
    {
        lock (_gate)
        {
            foreach (var stream in _streams) stream.End();
            _streams.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        var stream = new NetworkStream(connection, ownsSocket: true);
        try
        {
            var target = await ReadRequestTargetAsync(stream);
            var path = target.Split('?')[0];
            if (path.StartsWith("/v1.", StringComparison.Ordinal)) path = path[path.IndexOf('/', 1)..]; // a versioned client
            if (path == "/events")
            {
                OpenEvents(stream, target.Contains('?') ? target[(target.IndexOf('?') + 1)..] : "");
                return; // the stream stays open until EndStreams or disposal
            }
            var (status, type, body) = path switch
            {
                "/_ping" => ("200 OK", "text/plain", "OK"),
                "/containers/json" => ("200 OK", "application/json", "[]"),
                _ => ("404 Not Found", "application/json", $$"""{"message":"page not found: {{path}}"}"""),
            };
            var bytes = Encoding.UTF8.GetBytes(body);
            var head = $"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nApi-Version: 1.43\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(bytes);
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or InvalidDataException)
        {
            // The client went away mid-request; nothing to answer.
        }
        await stream.DisposeAsync();
    }

    /// <summary>Answers an events request: the events since <c>since</c> (inclusive), then live ones as they are emitted.</summary>
    private void OpenEvents(NetworkStream network, string query)
    {
        EventRequests.Enqueue(Uri.UnescapeDataString(query));
        var since = Parameter(query, "since") is { } text ? SinceNano(text) : (long?)null;
        var stream = new EventStream(network);
        stream.WriteHead();
        lock (_gate)
        {
            if (since is { } from)
                foreach (var (timeNano, document) in _history) if (timeNano >= from) stream.Write(document);
            _streams.Add(stream);
        }
    }

    /// <summary><c>since</c> as the engine reads a Unix time: <c>seconds[.nanoseconds]</c>.</summary>
    private static long SinceNano(string text)
    {
        var parts = text.Split('.');
        var nanos = parts.Length > 1 ? long.Parse(parts[1].PadRight(9, '0')[..9], CultureInfo.InvariantCulture) : 0;
        return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1_000_000_000 + nanos;
    }

    private static string? Parameter(string query, string name) =>
        query.Split('&').Select(pair => pair.Split('=', 2)).FirstOrDefault(kv => kv[0] == name && kv.Length == 2) is { } found
            ? Uri.UnescapeDataString(found[1])
            : null;

    /// <summary>
    /// Reads the request line and headers (a GET has no body here) and returns the request target. Docker.DotNet ends
    /// its header lines with a bare LF, so a blank line is LF CR LF or LF LF here.
    /// </summary>
    private static async Task<string> ReadRequestTargetAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\n\r\n", StringComparison.Ordinal) && !head.ToString().EndsWith("\n\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) throw new InvalidDataException("the client closed before the end of its request");
            head.Append((char)one[0]);
        }
        var requestLine = head.ToString().Split('\n')[0].TrimEnd('\r').Split(' ');
        if (requestLine.Length != 3 || requestLine[0] != "GET") throw new InvalidDataException($"unexpected request '{string.Join(' ', requestLine)}'");
        return requestLine[1];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        EndStreams();
        _listener.Dispose();
        await _accepting;
        _folder.Delete(recursive: true);
        _stop.Dispose();
    }

    /// <summary>One open <c>/events</c> response: chunked, one event document and a newline a chunk.</summary>
    private sealed class EventStream(NetworkStream network)
    {
        public void WriteHead() =>
            Send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: 1.43\r\nTransfer-Encoding: chunked\r\n\r\n");

        public void Write(string document)
        {
            var line = document + "\n";
            Send($"{Encoding.UTF8.GetByteCount(line):x}\r\n{line}\r\n");
        }

        public void End()
        {
            Send("0\r\n\r\n");
            network.Dispose();
        }

        private void Send(string text)
        {
            try
            {
                network.Write(Encoding.UTF8.GetBytes(text));
                network.Flush();
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException)
            {
                // The agent closed its end; the stream is ended by EndStreams or disposal.
            }
        }
    }
}
