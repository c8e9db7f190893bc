namespace AkLight.Parts.Tests.Mqtt;

public sealed class MqttOptionsTests
{
    [Fact]
    public void The_maximum_packet_size_defaults_to_the_largest_message_plus_room_for_its_topic_and_properties()
    {
        Assert.Equal(1024u * 1024 + 64 * 1024, new MqttOptions().EffectiveMaxPacketSize(1024 * 1024));
        Assert.Equal(5000u, new MqttOptions { MaxPacketSize = 5000 }.EffectiveMaxPacketSize(1024 * 1024));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(300_000_000)]
    public void A_maximum_packet_size_out_of_bounds_is_refused_by_name(int size)
    {
        Assert.Contains("AkLight:Mqtt:MaxPacketSize", new MqttOptions { MaxPacketSize = size }.Validate());
    }
}
