using AkLight.Grains.Kafka;

namespace AkLight.Parts.Tests.Kafka;

public sealed class KafkaGroupTests
{
    private static KafkaJoinRequest Request(string? memberId, string client) =>
        new(memberId, client, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(30), "consumer", [new KafkaGroupProtocol("range", [1])]);

    [Fact]
    public async Task A_round_waits_for_every_known_member_and_names_one_leader()
    {
        var group = new KafkaGroup("g", TimeProvider.System);
        var (firstId, first) = group.Join(Request(null, "one"));
        Assert.Equal(KafkaGroupError.None, (await first).Error);

        // A second member starts a new round; the first's next join completes it.
        var (secondId, second) = group.Join(Request(null, "two"));
        Assert.False(second.IsCompleted);
        var (_, firstAgain) = group.Join(Request(firstId, "one"));
        var (a, b) = (await firstAgain, await second);
        Assert.Equal(a.Generation, b.Generation);
        Assert.Equal(firstId, a.Leader);
        Assert.Equal(2, a.Members.Count);
        Assert.Empty(b.Members);
        Assert.Equal(secondId, b.MemberId);
    }

    [Fact]
    public async Task A_member_that_asks_again_after_its_round_completed_gets_that_round()
    {
        var group = new KafkaGroup("g", TimeProvider.System);
        var (id, joined) = group.Join(Request(null, "one"));
        var result = await joined;
        Assert.Equal(result, await group.AwaitJoinAsync(id));
        Assert.Equal(KafkaGroupError.UnknownMemberId, (await group.AwaitJoinAsync("nobody")).Error);
    }

    [Fact]
    public async Task The_leaders_assignment_reaches_every_member_at_sync()
    {
        var group = new KafkaGroup("g", TimeProvider.System);
        var (one, joined) = group.Join(Request(null, "one"));
        var generation = (await joined).Generation;
        var synced = await group.SyncAsync(one, generation, [new KafkaMemberAssignment(one, [7, 8])]);
        Assert.Equal([7, 8], synced.Assignment);
        Assert.Equal(KafkaGroupError.None, group.Heartbeat(one, generation));
        Assert.Equal(KafkaGroupError.IllegalGeneration, group.CheckCommitter(one, generation + 1));
    }
}
