using MQTTnet.Formatter;

namespace AkLight.Parts.Tests.Mqtt;

public sealed class MqttInFlightTests
{
    private static readonly InFlightDelivery Delivery = new(new DeliveryLedger(), new TopicPartitionOffset("t", 0, 0), false);

    [Fact]
    public async Task A_full_window_takes_the_next_delivery_only_once_one_is_done()
    {
        var window = new MqttInFlight { Capacity = 2 };
        object first = new(), second = new(), third = new();
        await window.AddAsync(first, Delivery, CancellationToken.None);
        await window.AddAsync(second, Delivery, CancellationToken.None);
        Assert.Equal(0, window.Room);

        var waiting = window.AddAsync(third, Delivery, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.True(window.TryRemove(first, out _));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, window.Count);
        Assert.True(window.TryGet(third, out _));
    }

    [Fact]
    public async Task A_wait_for_room_ends_when_stopped_without_taking_a_place()
    {
        var window = new MqttInFlight { Capacity = 1 };
        await window.AddAsync(new object(), Delivery, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = window.AddAsync(new object(), Delivery, stop.Token);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public async Task Forgetting_a_ledger_frees_its_places()
    {
        var window = new MqttInFlight { Capacity = 2 };
        var shared = new InFlightDelivery(new DeliveryLedger(), new TopicPartitionOffset("t", 0, 1), false);
        await window.AddAsync(new object(), Delivery, CancellationToken.None);
        await window.AddAsync(new object(), shared, CancellationToken.None);
        var waiting = window.WaitForRoomAsync(CancellationToken.None);
        window.Forget(shared.Ledger);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, window.Count);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, 2, 200, 2)]
    [InlineData(MqttProtocolVersion.V500, 0, 200, 200)] // absent: 65,535, bounded by the door's MaxInFlight
    [InlineData(MqttProtocolVersion.V500, 1000, 200, 200)]
    [InlineData(MqttProtocolVersion.V311, 0, 200, 200)]
    public void The_window_is_the_receive_maximum_within_the_door_bound(MqttProtocolVersion version, int receiveMaximum, int maxInFlight, int expected) =>
        Assert.Equal(expected, MqttInFlight.CapacityFor(version, (ushort)receiveMaximum, maxInFlight));

    [Fact]
    public void A_window_of_no_place_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MqttInFlight { Capacity = 0 });
}
