using AkLight.Consumer.Groups;

namespace AkLight.Parts.Tests.Consumer;

public sealed class GroupsOutputTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly GroupDescription Group = new("g",
        [new GroupMemberDescription("m1", ["t/#"], T0, 2)],
        [new GroupPartitionDescription("t", 0, "m1", 40, 50), new GroupPartitionDescription("t", 1, null, null, 7)]);

    [Fact]
    public void Json_is_one_document_with_members_partitions_and_lag()
    {
        var output = new StringWriter();
        GroupsJsonWriter.Write(output, [Group]);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var group = JsonDocument.Parse(Assert.Single(lines)).RootElement.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal("g", group.GetProperty("group").GetString());
        Assert.Equal(17, group.GetProperty("lag").GetInt64());
        var member = group.GetProperty("members").EnumerateArray().Single();
        Assert.Equal(("m1", "t/#", 2, "2026-11-25T12:00:00.0000000Z"),
            (member.GetProperty("id").GetString(), member.GetProperty("filters")[0].GetString(), member.GetProperty("partitions").GetInt32(), member.GetProperty("lastHeartbeat").GetString()));
        var partitions = group.GetProperty("partitions").EnumerateArray().ToArray();
        Assert.Equal((40L, 50L, 10L), (partitions[0].GetProperty("committed").GetInt64(), partitions[0].GetProperty("logEndOffset").GetInt64(), partitions[0].GetProperty("lag").GetInt64()));
        Assert.Equal(JsonValueKind.Null, partitions[1].GetProperty("owner").ValueKind);
        Assert.Equal(JsonValueKind.Null, partitions[1].GetProperty("committed").ValueKind);
    }

    [Fact]
    public void The_table_has_a_row_per_member_and_per_partition()
    {
        var output = new StringWriter();
        GroupsTableWriter.Write(output, [Group], T0.AddSeconds(3));
        var text = output.ToString();

        Assert.Contains("GROUP g: 1 member(s), 2 partition(s), lag 17", text, StringComparison.Ordinal);
        Assert.Contains("(3s ago)", text, StringComparison.Ordinal);
        var rows = text.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Contains(rows, r => r.SequenceEqual(["t", "0", "m1", "40", "50", "10"]));
        Assert.Contains(rows, r => r.SequenceEqual(["t", "1", "-", "-", "7", "7"]));
    }
}
