using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>LeaveGroup v0-v2: the member leaves; the others rebalance at once.</summary>
public sealed class LeaveGroupApi(KafkaGroups groups) : KafkaApi(KafkaApiKey.LeaveGroup, 0, 2)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var group = request.Body.String();
        var memberId = request.Body.String();
        request.Connection.RequirePrincipal();
        return response.ErrorCode(request, KafkaGroups.Code(await groups.Group(group).LeaveAsync(memberId)), throttleSince: 1);
    }
}
