using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>LeaveGroup v0-v2: the member leaves; the others rebalance at once. The group's owner's only.</summary>
public sealed class LeaveGroupApi(KafkaGroups groups) : KafkaApi(KafkaApiKey.LeaveGroup, 0, 2)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var group = request.Body.String();
        var memberId = request.Body.String();
        var principal = request.Connection.RequirePrincipal();
        var error = await groups.AuthorizeAsync(principal, group, GroupAccess.Use);
        if (error == KafkaErrorCode.None) error = KafkaGroups.Code(await groups.Group(group).LeaveAsync(memberId));
        return response.ErrorCode(request, error, throttleSince: 1);
    }
}
