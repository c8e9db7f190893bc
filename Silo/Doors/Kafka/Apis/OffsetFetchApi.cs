using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// OffsetFetch v1-v5: the commits of AKLight's consumer group of that name (-1 where there is none); a group the
/// principal does not own answers GROUP_AUTHORIZATION_FAILED.
/// </summary>
public sealed class OffsetFetchApi(KafkaGroups kafkaGroups, GroupMembership groups, IOptions<KafkaOptions> options) : KafkaApi(KafkaApiKey.OffsetFetch, 1, 5)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var version = request.Version;
        var group = request.Body.String();
        var count = request.Body.ArrayLength();
        var named = new List<(string Topic, List<int> Partitions)>();
        for (var i = 0; i < count; i++) named.Add((request.Body.String(), request.Body.Array(r => r.Int32())));
        var asked = PartitionLists.Distinct(named, p => p, options.Value.MaxPartitionsPerRequest, request.Key);
        var principal = request.Connection.RequirePrincipal();
        var error = await kafkaGroups.AuthorizeAsync(principal, group, GroupAccess.Use);
        IReadOnlyList<TopicPartitionOffset> committed = [];
        if (error == KafkaErrorCode.None)
        {
            try
            {
                committed = await groups.CommitUnassignedAsync(principal, group, []);
            }
            catch (Exception failure) when (KafkaErrors.Answerable(failure))
            {
                error = KafkaErrors.ForGroup(failure);
            }
        }
        var offsets = committed.Where(c => principal.MaySee(c.Topic)).ToDictionary(c => c.TopicPartition, c => c.Offset);
        // A null topic list (v2+) asks for every commit of the group.
        if (count < 0) asked = offsets.Keys.GroupBy(p => p.Topic).Select(g => (g.Key, g.Select(p => p.Partition).ToList())).ToList();

        response.ThrottleTime(request, since: 3);
        response.Array(asked, (w, t) =>
        {
            w.String(t.Topic);
            w.Array(t.Partitions, (pw, p) =>
            {
                pw.Int32(p);
                pw.Int64(offsets.TryGetValue(new TopicPartition(t.Topic, p), out var offset) ? offset : -1);
                if (version >= 5) pw.Int32(-1); // leader epoch
                pw.String(""); // metadata
                pw.Int16((short)error);
            });
        });
        if (version >= 2) response.Int16((short)error);
        return true;
    }
}
