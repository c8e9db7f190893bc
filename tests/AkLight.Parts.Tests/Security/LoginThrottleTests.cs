using System.Net;
using AkLight.Grains.Security;

namespace AkLight.Parts.Tests.Security;

public sealed class LoginThrottleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.7");

    [Fact]
    public void Five_failures_within_the_window_lock_the_address_for_the_window_then_twice_as_long()
    {
        var clock = new SettableClock();
        var throttle = new LoginThrottle(clock, 5, Window);
        for (var i = 0; i < 4; i++) throttle.Failed("guess" + i, Attacker);
        Assert.Null(throttle.Refusal("agent", Attacker));
        throttle.Failed("guess4", Attacker);
        Assert.Equal("too many failed logins from this address; try again in 60 s", throttle.Refusal("agent", Attacker));
        Assert.Null(throttle.Refusal("agent", IPAddress.Parse("192.0.2.8")));

        clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal("too many failed logins from this address; try again in 15 s", throttle.Refusal("agent", Attacker));
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(throttle.Refusal("agent", Attacker));

        for (var i = 0; i < 5; i++) throttle.Failed("again" + i, Attacker);
        Assert.Equal("too many failed logins from this address; try again in 120 s", throttle.Refusal("agent", Attacker));
    }

    [Fact]
    public void Failures_spread_over_more_than_the_window_do_not_lock()
    {
        var clock = new SettableClock();
        var throttle = new LoginThrottle(clock, 5, Window);
        for (var i = 0; i < 12; i++)
        {
            throttle.Failed("agent", Attacker);
            clock.Advance(TimeSpan.FromSeconds(15));
            Assert.Null(throttle.Refusal("agent", Attacker));
        }
    }

    [Fact]
    public void A_name_locks_from_every_address_and_its_owners_success_clears_it()
    {
        var clock = new SettableClock();
        var throttle = new LoginThrottle(clock, 5, Window);
        for (var i = 0; i < 4; i++) throttle.Failed("agent", IPAddress.Parse($"198.51.100.{i}"));
        throttle.Succeeded("agent");
        throttle.Failed("agent", IPAddress.Parse("198.51.100.9"));
        Assert.Null(throttle.Refusal("agent", null));
        for (var i = 0; i < 4; i++) throttle.Failed("agent", null);
        Assert.Equal("too many failed logins for principal 'agent'; try again in 60 s", throttle.Refusal("agent", null));
        Assert.Null(throttle.Refusal("monitor", null));
    }

    [Fact]
    public void An_ipv6_caller_counts_by_its_64_bit_network_and_a_mapped_ipv4_as_that_ipv4()
    {
        var throttle = new LoginThrottle(new SettableClock(), 5, Window);
        for (var i = 1; i <= 5; i++) throttle.Failed("n" + i, IPAddress.Parse($"2001:db8:1:2::{i}"));
        Assert.NotNull(throttle.Refusal("x", IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.Null(throttle.Refusal("x", IPAddress.Parse("2001:db8:1:3::1")));

        for (var i = 1; i <= 5; i++) throttle.Failed("m" + i, IPAddress.Parse("::ffff:192.0.2.50"));
        Assert.NotNull(throttle.Refusal("x", IPAddress.Parse("192.0.2.50")));
    }

    /// <summary>A clock that stands still until the test moves it.</summary>
    private sealed class SettableClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
