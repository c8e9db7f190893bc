using static AkLight.Doors.ProcessTests.Abuse.KafkaGroupWire;

namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// Kafka consumer groups belong to the principal that first joined them: another principal can neither see nor
/// touch them, nor take a group by committing to it first.
/// </summary>
public sealed class KafkaGroupAbuseTests(SecuredSilo secured) : SecuredSiloTest(secured)
{
    [Fact]
    public async Task Another_principal_can_neither_see_nor_touch_a_group_and_the_group_goes_on_unchanged()
    {
        var group = Names.Unique("monitor-kafka-group");
        await using var monitor = await KafkaWire.ConnectAsAsync(Secured, "monitor");
        var joined = await monitor.JoinAsync(group);
        Assert.Equal(None, joined.Error);
        Assert.Equal(None, await monitor.SyncAsync(group, joined.Generation, joined.MemberId, asLeader: true));
        Assert.Equal(None, await monitor.CommitAsync(group, "metrics/" + group, 0, joined.Generation, joined.MemberId));

        await using var outsider = await KafkaWire.ConnectAsAsync(Secured, "outsider");
        Assert.DoesNotContain(group, await outsider.ListAsync());
        var described = await outsider.DescribeAsync(group);
        Assert.Equal(GroupAuthorizationFailed, described.Error);
        Assert.Equal(0, described.Members);
        Assert.Equal(GroupAuthorizationFailed, await outsider.HeartbeatAsync(group, joined.Generation, joined.MemberId));
        Assert.Equal(GroupAuthorizationFailed, await outsider.SyncAsync(group, joined.Generation, joined.MemberId, asLeader: true));
        Assert.Equal(GroupAuthorizationFailed, await outsider.LeaveAsync(group, joined.MemberId));
        Assert.Equal(GroupAuthorizationFailed, (await outsider.JoinAsync(group)).Error);
        Assert.Equal(GroupAuthorizationFailed, await outsider.CommitAsync(group, "other/" + group, 7));
        Assert.Equal(GroupAuthorizationFailed, (await outsider.FetchOffsetAsync(group, "other/" + group)).Error);

        // Nothing changed: the member is still there, in the same generation, and alone.
        Assert.Equal(None, await monitor.HeartbeatAsync(group, joined.Generation, joined.MemberId));
        Assert.Equal((None, "Stable", 1), await monitor.DescribeAsync(group));
        Assert.Contains(group, await monitor.ListAsync());
        Assert.Equal((0L, None), await monitor.FetchOffsetAsync(group, "metrics/" + group));
        Assert.Equal((-1L, None), await monitor.FetchOffsetAsync(group, "other/" + group));

        // A superuser sees and may describe every group.
        await using var admin = await KafkaWire.ConnectAsAsync(Secured, "admin");
        Assert.Contains(group, await admin.ListAsync());
        Assert.Equal((None, "Stable", 1), await admin.DescribeAsync(group));
    }

    [Fact]
    public async Task Committing_first_does_not_take_a_group_from_the_principal_that_joins_it()
    {
        var group = Names.Unique("squatted-kafka-group");
        await using var outsider = await KafkaWire.ConnectAsAsync(Secured, "outsider");
        Assert.Equal(GroupAuthorizationFailed, await outsider.CommitAsync(group, "other/" + group, 5));
        Assert.DoesNotContain(group, await outsider.ListAsync());

        await using var monitor = await KafkaWire.ConnectAsAsync(Secured, "monitor");
        var joined = await monitor.JoinAsync(group);
        Assert.Equal(None, joined.Error);
        Assert.Equal(None, await monitor.CommitAsync(group, "metrics/" + group, 0));
        Assert.Equal((0L, None), await monitor.FetchOffsetAsync(group, "metrics/" + group));
        Assert.Equal(GroupAuthorizationFailed, await outsider.CommitAsync(group, "other/" + group, 5));
    }

    [Fact]
    public async Task Timeouts_outside_the_group_bounds_are_refused_and_claim_nothing()
    {
        var group = Names.Unique("timeouts-kafka-group");
        await using var outsider = await KafkaWire.ConnectAsAsync(Secured, "outsider");
        Assert.Equal(InvalidSessionTimeout, (await outsider.JoinAsync(group, rebalanceMs: int.MaxValue)).Error);
        Assert.Equal(InvalidSessionTimeout, (await outsider.JoinAsync(group, sessionMs: 2_000)).Error);
        Assert.Equal(InvalidSessionTimeout, (await outsider.JoinAsync(group, sessionMs: int.MaxValue)).Error);

        // The refused joins left the group to whoever joins it properly.
        await using var monitor = await KafkaWire.ConnectAsAsync(Secured, "monitor");
        var joined = await monitor.JoinAsync(group, sessionMs: 6_000, rebalanceMs: 300_000);
        Assert.Equal(None, joined.Error);
        Assert.Equal(joined.MemberId, joined.Leader);
    }
}
