namespace AkLight.Parts.Tests.Mqtt;

/// <summary>What a subscriber's session may commit: only up to its oldest unacknowledged message.</summary>
public sealed class DeliveryLedgerTests
{
    private static readonly TopicPartition Partition = new("sensors/a", 0);

    [Fact]
    public void A_partition_commits_up_to_its_oldest_unacknowledged_message()
    {
        var ledger = new DeliveryLedger();
        ledger.Sent(Partition, 10, awaitsAck: true);
        ledger.Sent(Partition, 11, awaitsAck: true);
        ledger.Sent(Partition, 12, awaitsAck: false); // QoS 0
        Assert.Equal([new TopicPartitionOffset("sensors/a", 0, 10)], ledger.TakeCommits());

        ledger.Acknowledged(Partition, 11);
        Assert.Equal([new TopicPartitionOffset("sensors/a", 0, 10)], ledger.TakeCommits());
        ledger.Acknowledged(Partition, 10);
        Assert.Equal([new TopicPartitionOffset("sensors/a", 0, 13)], ledger.TakeCommits());
        Assert.Empty(ledger.TakeCommits()); // nothing moved since
    }

    [Fact]
    public void Clearing_forgets_everything_sent()
    {
        var ledger = new DeliveryLedger();
        ledger.Sent(Partition, 3, awaitsAck: true);
        ledger.Clear();
        ledger.Acknowledged(Partition, 3);
        Assert.Empty(ledger.TakeCommits());
    }
}
