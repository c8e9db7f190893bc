using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// A client's byte stream as MQTTnet reads it, bounded before authentication: the CONNECT must arrive whole before
/// <paramref name="connectDeadline"/>, and each packet is measured from its header (<see cref="MqttInboundFrames"/>)
/// before MQTTnet allocates its body.
/// </summary>
internal sealed class MqttBoundedChannel(IMqttChannel inner, MqttInboundFrames frames, CancellationToken connectDeadline) : IMqttChannel
{
    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        int read;
        if (frames.Packets > 0) read = await inner.ReadAsync(buffer, offset, count, cancellationToken);
        else
        {
            // MQTTnet reads nothing else until the CONNECT is whole: a client too slow to send it is cut off.
            using var beforeConnect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectDeadline);
            read = await inner.ReadAsync(buffer, offset, count, beforeConnect.Token);
        }
        frames.Advance(buffer.AsSpan(offset, read));
        return read;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public void Dispose() => inner.Dispose();
}
