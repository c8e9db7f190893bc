using MQTTnet.Exceptions;

namespace AkLight.Parts.Tests.Mqtt;

public sealed class MqttInboundFramesTests
{
    [Fact]
    public void A_connect_announcing_more_than_the_connect_limit_is_refused_when_its_length_is_read_before_any_body()
    {
        var frames = new MqttInboundFrames(connectLimit: 1024, packetLimit: 1_000_000);
        frames.Advance([0x10, 0x80]); // CONNECT, remaining length continues
        var refused = Assert.Throws<MqttPacketTooLargeException>(() => frames.Advance([0x08])); // 1,024 bytes of body
        Assert.True(refused.IsConnect);
        Assert.Contains("MaxConnectPacketSize", refused.Message);
    }

    [Fact]
    public void Packets_after_the_connect_get_the_packet_limit_whatever_the_reads_split()
    {
        var frames = new MqttInboundFrames(connectLimit: 100, packetLimit: 300);
        byte[] connect = [0x10, 0x05, 1, 2, 3, 4, 5];
        byte[] publish = [0x30, 0xA0, 0x01, .. new byte[160]]; // 1 + 2 + 160 bytes: above the CONNECT limit, within the packet limit
        byte[] ping = [0xC0, 0x00];
        foreach (var b in (byte[])[.. connect, .. publish, .. ping]) frames.Advance([b]);
        Assert.Equal(3, frames.Packets);

        Assert.Throws<MqttPacketTooLargeException>(() => frames.Advance([0x30, 0xAE, 0x02])); // 1 + 2 + 302 bytes
    }

    [Fact]
    public void A_packet_exactly_at_the_limit_passes()
    {
        var frames = new MqttInboundFrames(connectLimit: 130, packetLimit: 130);
        frames.Advance([0x10, 0x7F, .. new byte[127]]); // 1 + 1 + 127 = 129
        frames.Advance([0x30, 0x7F, .. new byte[127]]);
        Assert.Equal(2, frames.Packets);
    }

    [Fact]
    public void A_remaining_length_longer_than_four_bytes_is_a_protocol_violation()
    {
        var frames = new MqttInboundFrames(connectLimit: uint.MaxValue, packetLimit: uint.MaxValue);
        Assert.Throws<MqttProtocolViolationException>(() => frames.Advance([0x10, 0x80, 0x80, 0x80, 0x80]));
    }
}
