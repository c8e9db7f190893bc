using System.Buffers.Binary;
using System.Net.Sockets;

namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// A raw Kafka connection: requests written field by field, as an attacker (or a client no library shields)
/// sends them. Non-flexible request versions only (request header v1, response header v0).
/// </summary>
internal sealed class KafkaWire : IAsyncDisposable
{
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(30);
    private readonly TcpClient _tcp;
    private int _correlation;

    private KafkaWire(TcpClient tcp) => _tcp = tcp;

    public NetworkStream Stream => _tcp.GetStream();

    public static async Task<KafkaWire> ConnectAsync(string bootstrap)
    {
        var (host, port) = (bootstrap[..bootstrap.LastIndexOf(':')], int.Parse(bootstrap[(bootstrap.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(host, port);
        return new KafkaWire(tcp);
    }

    /// <summary>A connection that has authenticated as <paramref name="principal"/> with SASL/PLAIN.</summary>
    public static async Task<KafkaWire> ConnectAsAsync(SecuredSilo silo, string principal)
    {
        var wire = await ConnectAsync(silo.KafkaBootstrap);
        var handshake = await wire.RequestAsync(17, 1, w => w.String("PLAIN"));
        Assert.Equal(0, handshake.Int16());
        var authenticated = await wire.RequestAsync(36, 0, w => w.Bytes(Encoding.UTF8.GetBytes($"\0{principal}\0{silo.KeyOf(principal)}")));
        Assert.Equal(0, authenticated.Int16());
        return wire;
    }

    /// <summary>Sends one request and reads its answer (the reader starts after the correlation id).</summary>
    public async Task<WireReader> RequestAsync(short apiKey, short version, Action<WireWriter> body)
    {
        var request = new WireWriter();
        request.Int16(apiKey);
        request.Int16(version);
        request.Int32(++_correlation);
        request.String("abuse-test");
        body(request);
        await SendFrameAsync(request.ToArray());
        using var wait = new CancellationTokenSource(AnswerWait);
        var size = new byte[4];
        await Stream.ReadExactlyAsync(size, wait.Token);
        var answer = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await Stream.ReadExactlyAsync(answer, wait.Token);
        var reader = new WireReader(answer);
        Assert.Equal(_correlation, reader.Int32());
        return reader;
    }

    public async Task SendFrameAsync(byte[] frame)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, frame.Length);
        await Stream.WriteAsync(size);
        await Stream.WriteAsync(frame);
    }

    /// <summary>True when the broker closes the connection within <paramref name="within"/> (whatever it sent before).</summary>
    public async Task<bool> ClosedByBrokerAsync(TimeSpan within)
    {
        using var wait = new CancellationTokenSource(within);
        var buffer = new byte[4096];
        try
        {
            while (await Stream.ReadAsync(buffer, wait.Token) > 0) { }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // reset
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Kafka's big-endian primitives, written into a request.</summary>
internal sealed class WireWriter
{
    private readonly MemoryStream _bytes = new();

    public void Int8(sbyte value) => _bytes.WriteByte((byte)value);

    public void Int16(short value) => Write(2, s => BinaryPrimitives.WriteInt16BigEndian(s, value));

    public void Int32(int value) => Write(4, s => BinaryPrimitives.WriteInt32BigEndian(s, value));

    public void Int64(long value) => Write(8, s => BinaryPrimitives.WriteInt64BigEndian(s, value));

    /// <summary>A string, null as length -1.</summary>
    public void String(string? value)
    {
        var bytes = value is null ? null : Encoding.UTF8.GetBytes(value);
        Int16((short)(bytes?.Length ?? -1));
        if (bytes is not null) _bytes.Write(bytes);
    }

    public void Bytes(byte[] value)
    {
        Int32(value.Length);
        _bytes.Write(value);
    }

    public void Array<T>(IReadOnlyCollection<T> items, Action<WireWriter, T> write)
    {
        Int32(items.Count);
        foreach (var item in items) write(this, item);
    }

    public byte[] ToArray() => _bytes.ToArray();

    private delegate void SpanWrite(Span<byte> span);

    private void Write(int length, SpanWrite write)
    {
        Span<byte> span = stackalloc byte[length];
        write(span);
        _bytes.Write(span);
    }
}

/// <summary>Kafka's big-endian primitives, read from an answer.</summary>
internal sealed class WireReader(byte[] data)
{
    private int _position;

    public int Length => data.Length;

    public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string? String()
    {
        var length = Int16();
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    public byte[] Bytes()
    {
        var length = Int32();
        return length < 0 ? [] : Take(length).ToArray();
    }

    public List<T> Array<T>(Func<WireReader, T> read)
    {
        var count = Int32();
        var items = new List<T>();
        for (var i = 0; i < count; i++) items.Add(read(this));
        return items;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        var span = data.AsSpan(_position, length);
        _position += length;
        return span;
    }
}
