using AkLight.Silo.Doors.Kafka;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Parts.Tests.Kafka;

public sealed class PartitionListsTests
{
    [Fact]
    public void A_partition_named_twice_is_kept_once_with_its_last_entry_where_it_first_appeared()
    {
        List<(string, List<(int Index, long Offset)>)> asked =
        [
            ("a", [(0, 10), (1, 11), (0, 12)]),
            ("b", [(0, 20)]),
            ("a", [(1, 13), (2, 14)]),
        ];

        var distinct = PartitionLists.Distinct(asked, p => p.Index, maxPartitions: 10, KafkaApiKey.Fetch);

        Assert.Equal(["a", "b"], distinct.Select(t => t.Topic));
        Assert.Equal([(0, 12L), (1, 13L), (2, 14L)], distinct[0].Partitions);
        Assert.Equal([(0, 20L)], distinct[1].Partitions);
    }

    [Fact]
    public void More_distinct_partitions_than_allowed_refuse_the_request_but_duplicates_do_not_count()
    {
        List<(string, List<int>)> repeated = [("a", Enumerable.Repeat(0, 1000).ToList())];
        Assert.Single(Assert.Single(PartitionLists.Distinct(repeated, p => p, maxPartitions: 2, KafkaApiKey.Fetch)).Partitions);

        List<(string, List<int>)> many = [("a", [0, 1]), ("b", [0])];
        var refused = Assert.Throws<RequestRefusedException>(() => PartitionLists.Distinct(many, p => p, maxPartitions: 2, KafkaApiKey.ListOffsets));
        Assert.Contains("ListOffsets", refused.Message);
        Assert.Contains($"{KafkaOptions.Section}:MaxPartitionsPerRequest", refused.Message);
    }
}
