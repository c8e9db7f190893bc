using AkLight.Grains.Groups;

namespace AkLight.Parts.Tests;

public sealed class GroupAssignorTests
{
    private static TopicPartition[] Partitions(int count) =>
        Enumerable.Range(0, count).Select(i => new TopicPartition($"t{i % 3}", i)).ToArray();

    private static string[] Members(int count) => Enumerable.Range(0, count).Select(i => $"m{i}").ToArray();

    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (var members in new[] { 1, 2, 3, 4, 7 })
            foreach (var partitions in new[] { 0, 1, 2, 3, 4, 6, 10, 16, 33 })
                data.Add(members, partitions);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_partition_has_exactly_one_member_and_the_spread_is_even(int memberCount, int partitionCount)
    {
        var partitions = Partitions(partitionCount);
        var assignment = GroupAssignor.Assign(partitions, Members(memberCount), (_, _) => true, new Dictionary<TopicPartition, string>());

        Assert.Equal(partitions.Order(), assignment.Keys.Order());
        var counts = Members(memberCount).Select(m => assignment.Values.Count(v => v == m)).ToArray();
        Assert.True(counts.Max() - counts.Min() <= 1, $"counts {string.Join(",", counts)}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Rebalancing_after_a_member_joins_or_leaves_stays_even_and_moves_few_partitions(int memberCount, int partitionCount)
    {
        var partitions = Partitions(partitionCount);
        var before = GroupAssignor.Assign(partitions, Members(memberCount), (_, _) => true, new Dictionary<TopicPartition, string>());
        var joined = Members(memberCount + 1);
        var after = GroupAssignor.Assign(partitions, joined, (_, _) => true, before);

        var counts = joined.Select(m => after.Values.Count(v => v == m)).ToArray();
        Assert.True(counts.Max() - counts.Min() <= 1);
        var moved = partitions.Count(p => before[p] != after[p]);
        Assert.True(moved <= partitionCount / (memberCount + 1) + 1, $"moved {moved} of {partitionCount}"); // only the newcomer's share moves

        var left = GroupAssignor.Assign(partitions, joined[1..], (_, _) => true, after);
        Assert.All(partitions.Where(p => after[p] != "m0"), p => Assert.Equal(after[p], left[p])); // survivors keep theirs
    }

    [Fact]
    public void A_partition_goes_only_to_members_whose_filters_match_it()
    {
        var partitions = new[] { new TopicPartition("cpu", 0), new TopicPartition("cpu", 1), new TopicPartition("mem", 0) };
        var assignment = GroupAssignor.Assign(partitions, ["a", "b"], (m, p) => m == "a" || p.Topic == "mem", new Dictionary<TopicPartition, string>());
        Assert.Equal("a", assignment[new TopicPartition("cpu", 0)]);
        Assert.Equal("a", assignment[new TopicPartition("cpu", 1)]);
        Assert.Equal("b", assignment[new TopicPartition("mem", 0)]);
    }

    [Fact]
    public void No_members_means_no_assignment() =>
        Assert.Empty(GroupAssignor.Assign(Partitions(4), [], (_, _) => true, new Dictionary<TopicPartition, string>()));
}
