using AkLight.Silo.Doors.Kafka.Groups;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>LeaveGroup v0-v2: the member leaves; the others rebalance at once.</summary>
public sealed class LeaveGroupApi(KafkaGroups groups) : IKafkaApi
{
    public KafkaApiKey Key => KafkaApiKey.LeaveGroup;

    public short MinVersion => 0;

    public short MaxVersion => 2;

    public async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var group = request.Body.String();
        var memberId = request.Body.String();
        request.Connection.RequirePrincipal();
        var error = KafkaGroups.Code(await groups.Group(group).LeaveAsync(memberId));
        if (request.Version >= 1) response.Int32(0); // throttle time
        response.Int16((short)error);
        return true;
    }
}
