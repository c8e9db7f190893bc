using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// OffsetCommit v2-v7: a current member's commits (or ones made without membership, generation -1) are stored
/// as AKLight's consumer group commits of the same name, through <see cref="GroupMembership"/>. Only the group's
/// owner (or a superuser) may commit, and a group nobody has joined yet takes no commits: committing first
/// must not make a principal the owner of a group others are about to use.
/// </summary>
public sealed class OffsetCommitApi(KafkaGroups kafkaGroups, GroupMembership groups, IOptions<KafkaOptions> options) : KafkaApi(KafkaApiKey.OffsetCommit, 2, 7)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var version = request.Version;
        var body = request.Body;
        var group = body.String();
        var generation = body.Int32();
        var memberId = body.String();
        if (version <= 4) body.Int64(); // retention time
        if (version >= 7) body.NullableString(); // group instance id
        var asked = body.Array(t => (Name: t.String(), Partitions: t.Array(p =>
        {
            var index = p.Int32();
            var offset = p.Int64();
            if (version >= 6) p.Int32(); // leader epoch
            p.NullableString(); // metadata: not kept
            return (Index: index, Offset: offset);
        })));
        var topics = PartitionLists.Distinct(asked, p => p.Index, options.Value.MaxPartitionsPerRequest, request.Key);
        var principal = request.Connection.RequirePrincipal();
        var error = await kafkaGroups.AuthorizeAsync(principal, group, GroupAccess.Commit);
        if (error == KafkaErrorCode.None && !(generation < 0 && string.IsNullOrEmpty(memberId)))
            error = KafkaGroups.Code(await kafkaGroups.Group(group).CheckCommitterAsync(memberId, generation));
        if (error == KafkaErrorCode.None)
        {
            try
            {
                await groups.CommitUnassignedAsync(principal, group,
                    topics.SelectMany(t => t.Partitions.Select(p => new TopicPartitionOffset(t.Topic, p.Index, p.Offset))).ToArray());
            }
            catch (Exception failure) when (KafkaErrors.Answerable(failure))
            {
                error = KafkaErrors.ForGroup(failure);
            }
        }
        response.ThrottleTime(request, since: 3);
        response.Array(topics, (w, t) =>
        {
            w.String(t.Topic);
            w.Array(t.Partitions, (pw, p) =>
            {
                pw.Int32(p.Index);
                pw.Int16((short)error);
            });
        });
        return true;
    }
}
