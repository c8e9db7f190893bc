using AkLight.Grains.Security;
using AkLight.Silo.Broker;
using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>DeleteTopics v0-v3 through <see cref="TopicAdministration"/>: each topic with its messages.</summary>
public sealed class DeleteTopicsApi(TopicAdministration topics) : IKafkaApi
{
    public KafkaApiKey Key => KafkaApiKey.DeleteTopics;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var names = request.Body.Array(r => r.String());
        var principal = request.Connection.RequirePrincipal();
        var results = await Task.WhenAll(names.Select(n => DeleteAsync(principal, n)));
        if (request.Version >= 1) response.Int32(0); // throttle time
        response.Array(results, (w, r) =>
        {
            w.String(r.Name);
            w.Int16((short)r.Error);
        });
        return true;
    }

    private async Task<(string Name, KafkaErrorCode Error)> DeleteAsync(Principal principal, string name)
    {
        try
        {
            await topics.DeleteAsync(principal, name);
            return (name, KafkaErrorCode.None);
        }
        catch (Exception error) when (error is AkLightException or ArgumentException)
        {
            return (name, KafkaErrors.From(error));
        }
    }
}
