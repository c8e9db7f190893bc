namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>The group requests of Kafka's classic protocol, raw, in the oldest versions that carry what the tests need.</summary>
internal static class KafkaGroupWire
{
    public const short None = 0;
    public const short InvalidSessionTimeout = 26;
    public const short GroupAuthorizationFailed = 30;

    public sealed record class Joined(short Error, int Generation, string Leader, string MemberId, int Members);

    /// <summary>JoinGroup v1 with the range protocol.</summary>
    public static async Task<Joined> JoinAsync(this KafkaWire wire, string group, int sessionMs = 30_000, int rebalanceMs = 30_000, string memberId = "")
    {
        var answer = await wire.RequestAsync(11, 1, w =>
        {
            w.String(group);
            w.Int32(sessionMs);
            w.Int32(rebalanceMs);
            w.String(memberId);
            w.String("consumer");
            w.Array(new[] { "range" }, (pw, name) =>
            {
                pw.String(name);
                pw.Bytes([0, 0, 0, 0, 0, 0, 0, 0]);
            });
        });
        var error = answer.Int16();
        var generation = answer.Int32();
        answer.String(); // protocol
        var leader = answer.String() ?? "";
        var member = answer.String() ?? "";
        var members = answer.Array(r => (r.String(), r.Bytes())).Count;
        return new Joined(error, generation, leader, member, members);
    }

    /// <summary>SyncGroup v0; the leader assigns nothing to itself (an empty assignment).</summary>
    public static async Task<short> SyncAsync(this KafkaWire wire, string group, int generation, string memberId, bool asLeader)
    {
        var answer = await wire.RequestAsync(14, 0, w =>
        {
            w.String(group);
            w.Int32(generation);
            w.String(memberId);
            w.Array(asLeader ? new[] { memberId } : [], (aw, id) =>
            {
                aw.String(id);
                aw.Bytes([]);
            });
        });
        return answer.Int16();
    }

    public static async Task<short> HeartbeatAsync(this KafkaWire wire, string group, int generation, string memberId) =>
        (await wire.RequestAsync(12, 0, w =>
        {
            w.String(group);
            w.Int32(generation);
            w.String(memberId);
        })).Int16();

    public static async Task<short> LeaveAsync(this KafkaWire wire, string group, string memberId) =>
        (await wire.RequestAsync(13, 0, w =>
        {
            w.String(group);
            w.String(memberId);
        })).Int16();

    /// <summary>DescribeGroups v0 of one group: its error, state and member count.</summary>
    public static async Task<(short Error, string State, int Members)> DescribeAsync(this KafkaWire wire, string group)
    {
        var answer = await wire.RequestAsync(15, 0, w => w.Array(new[] { group }, (gw, g) => gw.String(g)));
        var groups = answer.Array(r =>
        {
            var error = r.Int16();
            r.String(); // group
            var state = r.String() ?? "";
            r.String(); // protocol type
            r.String(); // protocol
            var members = r.Array(m => (m.String(), m.String(), m.String(), m.Bytes(), m.Bytes())).Count;
            return (error, state, members);
        });
        return Assert.Single(groups);
    }

    /// <summary>ListGroups v0: the names listed.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(this KafkaWire wire)
    {
        var answer = await wire.RequestAsync(16, 0, _ => { });
        Assert.Equal(None, answer.Int16());
        return answer.Array(r => (r.String() ?? "", r.String())).Select(g => g.Item1).ToArray();
    }

    /// <summary>OffsetCommit v2 of one partition (generation -1 and no member: a commit without membership); its error.</summary>
    public static async Task<short> CommitAsync(this KafkaWire wire, string group, string topic, long offset, int generation = -1, string memberId = "")
    {
        var answer = await wire.RequestAsync(8, 2, w =>
        {
            w.String(group);
            w.Int32(generation);
            w.String(memberId);
            w.Int64(-1); // retention
            w.Array(new[] { topic }, (tw, t) =>
            {
                tw.String(t);
                tw.Array(new[] { 0 }, (pw, p) =>
                {
                    pw.Int32(p);
                    pw.Int64(offset);
                    pw.String(null);
                });
            });
        });
        var topics = answer.Array(r => (r.String(), r.Array(p => (p.Int32(), p.Int16()))));
        return Assert.Single(Assert.Single(topics).Item2).Item2;
    }

    /// <summary>OffsetFetch v1 of partition 0 of <paramref name="topic"/>: its offset and error.</summary>
    public static async Task<(long Offset, short Error)> FetchOffsetAsync(this KafkaWire wire, string group, string topic)
    {
        var answer = await wire.RequestAsync(9, 1, w =>
        {
            w.String(group);
            w.Array(new[] { topic }, (tw, t) =>
            {
                tw.String(t);
                tw.Array(new[] { 0 }, (pw, p) => pw.Int32(p));
            });
        });
        var topics = answer.Array(r => (r.String(), r.Array(p => (p.Int32(), p.Int64(), p.String(), p.Int16()))));
        var partition = Assert.Single(Assert.Single(topics).Item2);
        return (partition.Item2, partition.Item4);
    }
}
