using System.Net.Sockets;

namespace AkLight.Doors.ProcessTests.Mqtt;

/// <summary>
/// MQTT 3.1.1 (and a few MQTT 5) packets written by hand, for what client libraries never send on purpose (a resend with
/// the same packet id, a CONNECT never finished) or cannot send at all (a DISCONNECT saying session expiry 0).
/// </summary>
public sealed class RawMqtt : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawMqtt(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _stream.ReadTimeout = 20_000;
    }

    /// <summary>Connects with a clean session and reads the CONNACK (asserting it accepted).</summary>
    public static async Task<RawMqtt> ConnectAsync(int port, string clientId, IPAddress? from = null)
    {
        var wire = await OpenAsync(port, from);
        await wire.SendAsync(Connect(clientId));
        var connack = await wire.ReadPacketAsync();
        Assert.Equal(new byte[] { 0x20, 0x02, 0x00, 0x00 }, connack);
        return wire;
    }

    /// <summary>A TCP connection to the broker on 127.0.0.1, from <paramref name="from"/> (another loopback address) when given; nothing sent.</summary>
    public static async Task<RawMqtt> OpenAsync(int port, IPAddress? from = null)
    {
        var tcp = from is null ? new TcpClient() : new TcpClient(new IPEndPoint(from, 0));
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RawMqtt(tcp);
    }

    /// <summary>An MQTT 3.1.1 CONNECT with a clean session and a keep-alive of 60 s.</summary>
    public static byte[] Connect(string clientId)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        byte[] variable = [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x3C, (byte)(id.Length >> 8), (byte)id.Length, .. id];
        return [0x10, .. Length(variable.Length), .. variable];
    }

    /// <summary>An MQTT 5 CONNECT without clean start, with a Session Expiry Interval of <paramref name="sessionExpiry"/> seconds.</summary>
    public static byte[] ConnectV5(string clientId, uint sessionExpiry)
    {
        var id = Encoding.UTF8.GetBytes(clientId);
        byte[] variable =
        [
            0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x05, 0x00, 0x00, 0x3C,
            0x05, 0x11, .. BigEndian(sessionExpiry),
            (byte)(id.Length >> 8), (byte)id.Length, .. id,
        ];
        return [0x10, .. Length(variable.Length), .. variable];
    }

    /// <summary>An MQTT 5 DISCONNECT (normal disconnection) with a Session Expiry Interval property, or none when null.</summary>
    public static byte[] DisconnectV5(uint? sessionExpiry) =>
        sessionExpiry is { } seconds ? [0xE0, 0x07, 0x00, 0x05, 0x11, .. BigEndian(seconds)] : [0xE0, 0x00];

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    /// <summary>True once the broker has closed the connection; false if it sent something instead, or kept it open for <paramref name="timeout"/>.</summary>
    public async Task<bool> IsClosedByBrokerAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            return await _stream.ReadAsync(new byte[1], limit.Token) == 0;
        }
        catch (IOException)
        {
            return true; // reset
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A PUBLISH packet.</summary>
    public static byte[] Publish(string topic, byte[] payload, int qos, ushort packetId, bool dup)
    {
        var name = Encoding.UTF8.GetBytes(topic);
        byte[] body = [(byte)(name.Length >> 8), (byte)name.Length, .. name, .. qos > 0 ? new[] { (byte)(packetId >> 8), (byte)packetId } : [], .. payload];
        var header = (byte)(0x30 | (dup ? 0x08 : 0) | (qos << 1));
        return [header, .. Length(body.Length), .. body];
    }

    /// <summary>An MQTT 5 QoS 1 PUBLISH whose only property is Topic Alias <paramref name="alias"/>.</summary>
    public static byte[] PublishV5(string topic, byte[] payload, ushort packetId, ushort alias)
    {
        var name = Encoding.UTF8.GetBytes(topic);
        byte[] body = [(byte)(name.Length >> 8), (byte)name.Length, .. name, (byte)(packetId >> 8), (byte)packetId, 0x03, 0x23, (byte)(alias >> 8), (byte)alias, .. payload];
        return [0x32, .. Length(body.Length), .. body];
    }

    public Task SendAsync(byte[] packet) => _stream.WriteAsync(packet).AsTask();

    /// <summary>The next whole packet the broker sends.</summary>
    public async Task<byte[]> ReadPacketAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var header = await ReadAsync(1, limit.Token);
        var length = 0;
        var shift = 0;
        byte next;
        var lengthBytes = new List<byte>();
        do
        {
            next = (await ReadAsync(1, limit.Token))[0];
            lengthBytes.Add(next);
            length |= (next & 0x7F) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0);
        return [header[0], .. lengthBytes, .. await ReadAsync(length, limit.Token)];
    }

    public void Dispose() => _tcp.Dispose();

    private async Task<byte[]> ReadAsync(int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await _stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    private static byte[] Length(int length)
    {
        var bytes = new List<byte>();
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            if (length > 0) digit |= 0x80;
            bytes.Add(digit);
        }
        while (length > 0);
        return [.. bytes];
    }
}
