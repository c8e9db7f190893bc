using AkLight.Silo.Doors.Kafka.Groups;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>SyncGroup v0-v3: the leader hands in the assignment; every member gets its part.</summary>
public sealed class SyncGroupApi(KafkaGroupCoordinator coordinator) : IKafkaApi
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
        var assignments = body.Array(a => (Member: a.String(), Assignment: a.Bytes().ToArray()));
        request.Connection.RequirePrincipal();
        var (error, assignment) = coordinator.Find(group) is { } known
            ? await known.SyncAsync(memberId, generation, assignments)
            : (KafkaErrorCode.UnknownMemberId, []);
        if (request.Version >= 1) response.Int32(0); // throttle time
        response.Int16((short)error);
        response.Bytes(assignment);
        return true;
    }
}
