using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>SyncGroup v0-v3: the leader hands in the assignment; every member gets its part. The group's owner's only.</summary>
public sealed class SyncGroupApi(KafkaGroups groups) : KafkaApi(KafkaApiKey.SyncGroup, 0, 3)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var body = request.Body;
        var group = body.String();
        var generation = body.Int32();
        var memberId = body.String();
        if (request.Version >= 3) body.NullableString(); // group instance id
        var assignments = body.Array(a => new KafkaMemberAssignment(a.String(), a.Bytes().ToArray()));
        var principal = request.Connection.RequirePrincipal();
        var denied = await groups.AuthorizeAsync(principal, group, GroupAccess.Use);
        var synced = denied == KafkaErrorCode.None ? await groups.SyncAsync(group, memberId, generation, assignments) : null;
        response.ThrottleTime(request, since: 1);
        response.Int16((short)(synced is null ? denied : KafkaGroups.Code(synced.Error)));
        response.Bytes(synced?.Assignment ?? []);
        return true;
    }
}
