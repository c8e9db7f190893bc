using AkLight.Silo.Doors.Kafka.Groups;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>SyncGroup v0-v3: the leader hands in the assignment; every member gets its part.</summary>
public sealed class SyncGroupApi(KafkaGroups groups) : IKafkaApi
{
    public KafkaApiKey Key => KafkaApiKey.SyncGroup;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var body = request.Body;
        var group = body.String();
        var generation = body.Int32();
        var memberId = body.String();
        if (request.Version >= 3) body.NullableString(); // group instance id
        var assignments = body.Array(a => new KafkaMemberAssignment(a.String(), a.Bytes().ToArray()));
        request.Connection.RequirePrincipal();
        var synced = await groups.SyncAsync(group, memberId, generation, assignments);
        if (request.Version >= 1) response.Int32(0); // throttle time
        response.Int16((short)KafkaGroups.Code(synced.Error));
        response.Bytes(synced.Assignment);
        return true;
    }
}
