using System.Net;

namespace AkLight.Parts.Tests.Mqtt;

public sealed class MqttConnectionCapTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1"), B = IPAddress.Parse("10.0.0.2"), C = IPAddress.Parse("10.0.0.3");

    [Fact]
    public void One_address_is_capped_and_others_still_get_in()
    {
        var cap = new MqttConnectionCap(perPort: 10, perAddress: 2);
        Assert.True(cap.TryAdmit(A, out _));
        Assert.True(cap.TryAdmit(A, out _));
        Assert.False(cap.TryAdmit(A, out var refused));
        Assert.Null(refused);
        Assert.False(cap.TryAdmit(IPAddress.Parse("10.0.0.1").MapToIPv6(), out _)); // the same client over a dual-stack socket
        Assert.True(cap.TryAdmit(B, out _));
    }

    [Fact]
    public void The_port_is_capped_across_addresses_and_a_released_lease_admits_again_once()
    {
        var cap = new MqttConnectionCap(perPort: 2, perAddress: 2);
        Assert.True(cap.TryAdmit(A, out var first));
        Assert.True(cap.TryAdmit(B, out _));
        Assert.False(cap.TryAdmit(C, out _));

        first.Dispose();
        first.Dispose(); // released once, however often disposed
        Assert.True(cap.TryAdmit(C, out _));
        Assert.False(cap.TryAdmit(A, out _));
    }
}
