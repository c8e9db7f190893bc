using AkLight.Silo.Doors.Kafka.Groups;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>Heartbeat v0-v3: keeps the member alive and tells it when the group rebalances.</summary>
public sealed class HeartbeatApi(KafkaGroups groups) : IKafkaApi
{
    public KafkaApiKey Key => KafkaApiKey.Heartbeat;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var group = request.Body.String();
        var generation = request.Body.Int32();
        var memberId = request.Body.String();
        request.Connection.RequirePrincipal();
        var error = KafkaGroups.Code(await groups.Group(group).HeartbeatAsync(memberId, generation));
        if (request.Version >= 1) response.Int32(0); // throttle time
        response.Int16((short)error);
        return true;
    }
}
