namespace AkLight.Parts.Tests.Mqtt;

/// <summary>MQTT 5 §3.14.2.2.2: a DISCONNECT's Session Expiry Interval read from its bytes, where 0 and absent differ.</summary>
public sealed class MqttDisconnectExpiryTests
{
    [Theory]
    [InlineData(new byte[] { }, null)] // 3.1.1, or MQTT 5 normal disconnection without a body
    [InlineData(new byte[] { 0x00 }, null)] // reason code only
    [InlineData(new byte[] { 0x00, 0x00 }, null)] // no properties
    [InlineData(new byte[] { 0x00, 0x05, 0x11, 0, 0, 0, 0 }, 0u)]
    [InlineData(new byte[] { 0x00, 0x05, 0x11, 0, 0, 0x02, 0x58 }, 600u)]
    [InlineData(new byte[] { 0x04, 0x0A, 0x1F, 0x00, 0x02, (byte)'o', (byte)'k', 0x11, 0, 0, 0, 0 }, 0u)] // after a reason string
    [InlineData(new byte[] { 0x00, 0x0C, 0x26, 0x00, 0x01, (byte)'a', 0x00, 0x01, (byte)'b', 0x11, 0, 0, 0, 7 }, 7u)] // after a user property
    [InlineData(new byte[] { 0x00, 0x03, 0x1F, 0x00, 0x02, (byte)'o', (byte)'k' }, null)] // properties cut short
    [InlineData(new byte[] { 0x00, 0x05, 0x11, 0, 0, 0 }, null)] // property length beyond the body
    public void The_session_expiry_is_read_when_present(byte[] body, uint? expected) => Assert.Equal(expected, MqttDisconnectExpiry.Of(body));

    [Fact]
    public void The_frames_keep_the_last_disconnects_session_expiry_whatever_the_reads_split()
    {
        var frames = new MqttInboundFrames(connectLimit: 100, packetLimit: 100);
        byte[] stream = [0x10, 0x02, 1, 2, 0xC0, 0x00, 0xE0, 0x07, 0x00, 0x05, 0x11, 0, 0, 0, 0];
        foreach (var b in stream) frames.Advance([b]);
        Assert.Equal(0u, frames.DisconnectSessionExpiry);

        var without = new MqttInboundFrames(connectLimit: 100, packetLimit: 100);
        without.Advance([0x10, 0x02, 1, 2, 0xE0, 0x00]);
        Assert.Null(without.DisconnectSessionExpiry);
    }
}
