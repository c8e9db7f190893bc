using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>ListGroups v0-v2: AKLight's consumer groups the principal may see, and the Kafka groups active in the cluster.</summary>
public sealed class ListGroupsApi(GroupMembership groups, KafkaGroups kafkaGroups) : KafkaApi(KafkaApiKey.ListGroups, 0, 2)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var principal = request.Connection.RequirePrincipal();
        var known = await groups.ListAsync(principal);
        var names = known.Union(await kafkaGroups.ListActiveAsync()).Order(StringComparer.Ordinal).ToArray();
        response.ThrottleTime(request, since: 1);
        response.Int16((short)KafkaErrorCode.None);
        response.Array(names, (w, name) =>
        {
            w.String(name);
            w.String("consumer");
        });
        return true;
    }
}
