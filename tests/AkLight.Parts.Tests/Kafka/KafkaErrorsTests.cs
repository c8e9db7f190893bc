using AkLight.Silo.Doors.Kafka;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Parts.Tests.Kafka;

/// <summary>What the Kafka door answers for the broker's store errors: codes Kafka clients retry.</summary>
public sealed class KafkaErrorsTests
{
    [Fact]
    public void A_stale_writer_is_not_leader_or_follower_which_kafka_clients_retry_after_a_metadata_refresh()
    {
        var stale = new StaleWriterException("t[0]", 3, 5, 4);

        Assert.Equal(KafkaErrorCode.NotLeaderOrFollower, KafkaErrors.From(stale));
        Assert.True(KafkaErrors.Answerable(stale));
        Assert.Equal("stale writer of t[0]: an append at offsets 3 to 4 was refused because the stored log ends at 4 " +
            "(another activation of the partition wrote since); nothing of it was stored, retry", stale.Message);
    }

    [Fact]
    public void A_store_that_is_away_is_a_storage_error()
    {
        Assert.Equal(KafkaErrorCode.KafkaStorageError, KafkaErrors.From(new StoreUnavailableException("down")));
    }
}
