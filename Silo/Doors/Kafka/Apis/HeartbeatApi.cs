using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>Heartbeat v0-v3: keeps the member alive and tells it when the group rebalances. The group's owner's only.</summary>
public sealed class HeartbeatApi(KafkaGroups groups) : KafkaApi(KafkaApiKey.Heartbeat, 0, 3)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var group = request.Body.String();
        var generation = request.Body.Int32();
        var memberId = request.Body.String();
        var principal = request.Connection.RequirePrincipal();
        var error = await groups.AuthorizeAsync(principal, group, GroupAccess.Use);
        if (error == KafkaErrorCode.None) error = KafkaGroups.Code(await groups.Group(group).HeartbeatAsync(memberId, generation));
        return response.ErrorCode(request, error, throttleSince: 1);
    }
}
