using System.Net;
using AkLight.Silo.Transport;

namespace AkLight.Parts.Tests.Transport;

public sealed class ConnectionLimiterTests
{
    private static readonly IPAddress One = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Two = IPAddress.Parse("192.0.2.2");

    [Fact]
    public void One_address_gets_no_more_than_its_share_while_others_still_get_in()
    {
        var limiter = new ConnectionLimiter(maxConnections: 10, maxPerAddress: 2);
        Assert.True(limiter.TryAdmit(One, out _));
        Assert.True(limiter.TryAdmit(One, out _));

        Assert.False(limiter.TryAdmit(One, out var refused));
        Assert.Null(refused);
        Assert.True(limiter.TryAdmit(Two, out _));
        Assert.Equal(3, limiter.Open);
    }

    [Fact]
    public void The_listener_cap_holds_across_addresses()
    {
        var limiter = new ConnectionLimiter(maxConnections: 3, maxPerAddress: 2);
        Assert.True(limiter.TryAdmit(One, out _));
        Assert.True(limiter.TryAdmit(One, out _));
        Assert.True(limiter.TryAdmit(Two, out _));

        Assert.False(limiter.TryAdmit(Two, out _));
        Assert.False(limiter.TryAdmit(IPAddress.Parse("192.0.2.3"), out _));
    }

    [Fact]
    public void A_released_lease_frees_its_slot_once_however_often_it_is_disposed()
    {
        var limiter = new ConnectionLimiter(maxConnections: 10, maxPerAddress: 1);
        Assert.True(limiter.TryAdmit(One, out var first));
        Assert.True(limiter.TryAdmit(Two, out _));

        first.Dispose();
        first.Dispose();

        Assert.Equal(1, limiter.Open);
        Assert.True(limiter.TryAdmit(One, out _));
        Assert.False(limiter.TryAdmit(One, out _));
        Assert.False(limiter.TryAdmit(Two, out _));
    }

    [Fact]
    public void An_ipv4_client_counts_the_same_on_a_dual_stack_socket()
    {
        var limiter = new ConnectionLimiter(maxConnections: 10, maxPerAddress: 1);
        Assert.True(limiter.TryAdmit(One, out _));
        Assert.False(limiter.TryAdmit(One.MapToIPv6(), out _));
    }

    [Fact]
    public void Caps_below_one_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionLimiter(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionLimiter(1, 0));
    }
}
