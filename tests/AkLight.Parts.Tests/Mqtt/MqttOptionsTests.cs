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

    [Theory]
    [InlineData("MaxConnectPacketSize", 100)]
    [InlineData("ConnectTimeout", 0)]
    [InlineData("MaxConnectionsPerPort", 0)]
    [InlineData("MaxConnectionsPerAddress", -1)]
    public void Bounds_before_authentication_out_of_range_are_refused_by_name(string setting, int value)
    {
        var options = setting switch
        {
            "MaxConnectPacketSize" => new MqttOptions { MaxConnectPacketSize = value },
            "ConnectTimeout" => new MqttOptions { ConnectTimeout = TimeSpan.FromSeconds(value) },
            "MaxConnectionsPerPort" => new MqttOptions { MaxConnectionsPerPort = value },
            _ => new MqttOptions { MaxConnectionsPerAddress = value },
        };
        Assert.Contains($"AkLight:Mqtt:{setting}", options.Validate());
    }

    [Fact]
    public void The_defaults_bound_a_connection_before_authentication()
    {
        var options = new MqttOptions();
        Assert.Null(options.Validate());
        Assert.Equal(64 * 1024, options.MaxConnectPacketSize);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
        Assert.Equal((1000, 100), (options.MaxConnectionsPerPort, options.MaxConnectionsPerAddress));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65_536)]
    public void A_topic_alias_maximum_out_of_range_is_refused_by_name(int maximum) =>
        Assert.Contains("AkLight:Mqtt:TopicAliasMaximum", new MqttOptions { TopicAliasMaximum = maximum }.Validate());

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(65_536.0)]
    public void A_server_keep_alive_that_is_not_whole_seconds_within_range_is_refused_by_name(double seconds) =>
        Assert.Contains("AkLight:Mqtt:ServerKeepAlive", new MqttOptions { ServerKeepAlive = TimeSpan.FromSeconds(seconds) }.Validate());

    [Fact]
    public void No_server_keep_alive_by_default_and_whole_seconds_are_taken()
    {
        Assert.Null(new MqttOptions().ServerKeepAlive);
        Assert.Null(new MqttOptions { ServerKeepAlive = TimeSpan.FromSeconds(60) }.Validate());
    }
}
