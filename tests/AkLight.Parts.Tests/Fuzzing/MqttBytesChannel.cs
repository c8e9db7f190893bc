using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// A client's bytes as MQTTnet's channel adapter reads them from a socket, without the socket: each read takes up
/// to what is asked, then the stream ends. What the broker sends back is kept.
/// </summary>
internal sealed class MqttBytesChannel(byte[] received) : IMqttChannel
{
    private int _position;

    public List<byte> Sent { get; } = [];

    public X509Certificate2 ClientCertificate => null!;

    public EndPoint RemoteEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 50_000);

    public EndPoint LocalEndPoint { get; } = new IPEndPoint(IPAddress.Loopback, 1883);

    public bool IsSecureConnection => false;

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = Math.Min(count, received.Length - _position);
        received.AsSpan(_position, read).CopyTo(buffer.AsSpan(offset));
        _position += read;
        return Task.FromResult(read);
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        Sent.AddRange(buffer.ToArray());
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
