using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// MQTT 3.1.1 and 5 packets, valid ones damaged, read the way the door reads a connection: MQTTnet's channel
/// adapter (as its TCP listener builds it) under the door's <see cref="MqttSizeLimitedChannel"/>, over the client's
/// bytes. Only MQTTnet's protocol and channel errors may come out, and a packet declaring more than the Maximum
/// Packet Size is refused from its fixed header, before MQTTnet allocates its body.
/// </summary>
public sealed class MqttPacketFuzzTests
{
    private const int SeedBase = 20_261_400;
    private const uint MaxPacketSize = 64 * 1024;

    public static TheoryData<MqttProtocolVersion> Versions => [MqttProtocolVersion.V311, MqttProtocolVersion.V500];

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_corpus_reads_as_the_packets_it_was(MqttProtocolVersion version)
    {
        var stream = Connection(version, MqttPackets.AfterConnect(version).SelectMany(p => p.Bytes).ToArray());
        var packets = ReadAll(stream, out _);
        Assert.IsType<MqttConnectPacket>(packets[0]);
        Assert.Equal(MqttPackets.AfterConnect(version).Count + 1, packets.Count);
        Assert.Equal("$share/billing/orders/#", Assert.IsType<MqttSubscribePacket>(packets[4]).TopicFilters[1].Topic);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Mutated_connects_get_only_mqtt_errors_and_bounded_allocation(MqttProtocolVersion version)
    {
        var corpus = new[] { ($"CONNECT {version}", MqttPackets.Connect(version)) };
        FuzzRun.Check(FuzzRun.Mutants(corpus, iterations: 4_000, SeedBase + (int)version * 10_000), bytes => ReadAll(bytes, out _), IsMqttError);
        FuzzRun.Check(FuzzRun.LyingLengths(corpus), bytes => ReadAll(bytes, out _), IsMqttError);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Mutated_publishes_and_subscribes_get_only_mqtt_errors_and_bounded_allocation(MqttProtocolVersion version)
    {
        var corpus = MqttPackets.AfterConnect(version);
        var mutants = FuzzRun.Mutants(corpus, iterations: 8_000, SeedBase + 100_000 + (int)version * 10_000)
            .Concat(FuzzRun.LyingLengths(corpus))
            .Concat(FuzzRun.Truncations(corpus))
            .Select(m => (m.Case, Connection(version, m.Input)));
        FuzzRun.Check(mutants, bytes => ReadAll(bytes, out _), IsMqttError);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Mutated_packets_decode_to_a_packet_or_a_protocol_violation(MqttProtocolVersion version)
    {
        // MQTTnet's decoder on its own, without the channel adapter that wraps its unexpected errors.
        var corpus = MqttPackets.AfterConnect(version).Append(("CONNECT", MqttPackets.Connect(version))).ToArray();
        var formatter = new MqttPacketFormatterAdapter(version, new MqttBufferWriter(4096, 65535));
        FuzzRun.Check(FuzzRun.Mutants(corpus, iterations: 8_000, SeedBase + 200_000 + (int)version * 10_000, keep: 1), bytes =>
        {
            if (bytes.Length < 2) throw new MqttProtocolViolationException("no fixed header");
            var bodyAt = bytes.Length > 2 && (bytes[1] & 0x80) != 0 ? Math.Min(bytes.Length, 3) : 2;
            formatter.Decode(new ReceivedMqttPacket(bytes[0], new ArraySegment<byte>(bytes, bodyAt, bytes.Length - bodyAt), bytes.Length));
        }, error => error is MqttProtocolViolationException);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, 200_000_000)]
    [InlineData(MqttProtocolVersion.V500, 200_000_000)]
    [InlineData(MqttProtocolVersion.V500, (int)MaxPacketSize)]
    public void A_packet_declaring_more_than_the_maximum_is_refused_before_its_body_is_allocated(MqttProtocolVersion version, int remainingLength)
    {
        // A PUBLISH header declaring the length and a few bytes of its body: the client never sends the rest.
        byte[] header = [0x30, .. RemainingLength(remainingLength), 0x00, 0x01, (byte)'x'];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<MqttPacketTooLargeException>(() => ReadAll(Connection(version, header), out _));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "the declared body was allocated");
        Assert.Contains($"larger than {MaxPacketSize} bytes", error.Message);
    }

    [Fact]
    public void An_mqtt5_client_is_told_its_packet_is_too_large()
    {
        byte[] header = [0x30, .. RemainingLength(10_000_000)];
        var channel = new MqttBytesChannel(Connection(MqttProtocolVersion.V500, header));
        Assert.Throws<MqttPacketTooLargeException>(() => ReadAll(channel));
        Assert.Equal(0xE0, channel.Sent[0]); // DISCONNECT
        Assert.Contains((byte)MqttDisconnectReasonCode.PacketTooLarge, channel.Sent);
    }

    [Fact]
    public void A_connect_declaring_more_than_the_maximum_is_refused_before_its_body_is_allocated()
    {
        byte[] header = [0x10, .. RemainingLength(100_000_000), 0x00, 0x04, .. "MQTT"u8, 0x05];
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<MqttPacketTooLargeException>(() => ReadAll(header, out _));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024, "the declared body was allocated");
    }

    /// <summary>MQTTnet's errors for a connection it cannot go on with: a protocol violation, or a channel failure it wraps.</summary>
    private static bool IsMqttError(Exception error) => error is MqttProtocolViolationException or MqttCommunicationException;

    private static byte[] Connection(MqttProtocolVersion version, byte[] afterConnect) => [.. MqttPackets.Connect(version), .. afterConnect];

    private static List<MqttPacket> ReadAll(byte[] received, out List<byte> sent)
    {
        var channel = new MqttBytesChannel(received);
        sent = channel.Sent;
        return ReadAll(channel);
    }

    /// <summary>Reads packets as the door does until the client's bytes end; every read completes at once (no socket).</summary>
    private static List<MqttPacket> ReadAll(MqttBytesChannel channel)
    {
        using var adapter = Adapter(channel);
        var door = MqttSizeLimitedServerAdapter.Bound(adapter, MaxPacketSize, MaxPacketSize, CancellationToken.None);
        var packets = new List<MqttPacket>();
        while (true)
        {
            var receiving = door.ReceivePacketAsync(CancellationToken.None);
            Assert.True(receiving.IsCompleted, "a read waited on bytes that are all there");
            if (receiving.GetAwaiter().GetResult() is not { } packet) return packets;
            packets.Add(packet);
        }
    }

    /// <summary>The channel adapter as MQTTnet's TCP listener builds it for each connection.</summary>
    private static MqttChannelAdapter Adapter(MqttBytesChannel channel) =>
        new(channel, new MqttPacketFormatterAdapter(new MqttBufferWriter(4096, 65535)), MqttNetNullLogger.Instance);

    private static byte[] RemainingLength(int length)
    {
        var bytes = new List<byte>();
        do
        {
            var next = (byte)(length % 128);
            length /= 128;
            bytes.Add(length > 0 ? (byte)(next | 0x80) : next);
        } while (length > 0);
        return [.. bytes];
    }
}
