namespace AkLight.Parts.Tests.Mqtt;

public sealed class MqttSessionStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_session_expires_once_disconnected_for_its_expiry()
    {
        var state = new MqttSessionState { ExpirySeconds = 10, DisconnectedAt = Now };
        Assert.False(state.IsExpired(Now.AddSeconds(9)));
        Assert.True(state.IsExpired(Now.AddSeconds(10)));
    }

    [Fact]
    public void A_connected_session_and_one_that_never_expires_do_not_expire()
    {
        Assert.False(new MqttSessionState { ExpirySeconds = 1, Connected = true, DisconnectedAt = Now }.IsExpired(Now.AddDays(1)));
        Assert.False(new MqttSessionState { ExpirySeconds = uint.MaxValue, DisconnectedAt = Now }.IsExpired(Now.AddYears(10)));
    }

    [Fact]
    public void The_check_period_is_a_quarter_of_the_expiry_within_bounds()
    {
        var shortest = TimeSpan.FromSeconds(1);
        Assert.Equal(TimeSpan.FromSeconds(5), new MqttSessionState { ExpirySeconds = 20 }.CheckPeriod(shortest));
        Assert.Equal(shortest, new MqttSessionState { ExpirySeconds = 2 }.CheckPeriod(shortest));
        Assert.Equal(TimeSpan.FromMinutes(1), new MqttSessionState { ExpirySeconds = 86400 }.CheckPeriod(shortest));
        Assert.Null(new MqttSessionState { ExpirySeconds = uint.MaxValue }.CheckPeriod(shortest));
    }
}
