namespace AkLight.Parts.Tests.Mqtt;

/// <summary>QoS 2 on the way in: a resend before PUBREL is recognised; after PUBREL the id is new again.</summary>
public sealed class ExactlyOnceReceiptsTests
{
    [Fact]
    public void A_packet_id_stored_and_not_released_is_a_resend()
    {
        var receipts = new ExactlyOnceReceipts();
        receipts.Arrived(7);
        Assert.Equal(((ushort)7, false), receipts.Take());
        receipts.Stored(7);

        receipts.Arrived(7);
        Assert.Equal(((ushort)7, true), receipts.Take());
        Assert.Null(receipts.Take()); // taken once: a will after it is not mistaken for a resend

        receipts.Released(7);
        receipts.Arrived(7);
        Assert.Equal(((ushort)7, false), receipts.Take());
    }

    [Fact]
    public void Other_qos_publishes_are_never_resends()
    {
        var receipts = new ExactlyOnceReceipts();
        receipts.Arrived(1);
        receipts.ArrivedOther();
        Assert.Null(receipts.Take());
    }
}
