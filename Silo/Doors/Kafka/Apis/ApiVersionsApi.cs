namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// ApiVersions v0-v3: the request types and versions this broker speaks. A version beyond v3 gets
/// UNSUPPORTED_VERSION in the v0 layout with the list, so the client retries with one it finds there.
/// </summary>
public sealed class ApiVersionsApi(IServiceProvider services) : KafkaApi(KafkaApiKey.ApiVersions, 0, 3)
{
    public override short FlexibleFrom => 3;

    public override Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        // Resolved late: the list holds this API too.
        var apis = services.GetRequiredService<KafkaApis>().All.OrderBy(a => a.Key).ToArray();
        var version = request.Version;
        if (version > MaxVersion)
        {
            response.Int16((short)KafkaErrorCode.UnsupportedVersion);
            response.Array(apis, WriteApi);
            return Task.FromResult(true);
        }
        response.Int16((short)KafkaErrorCode.None);
        if (version >= FlexibleFrom)
        {
            response.UnsignedVarint((ulong)apis.Length + 1);
            foreach (var api in apis)
            {
                WriteApi(response, api);
                response.NoTaggedFields();
            }
        }
        else
        {
            response.Array(apis, WriteApi);
        }
        response.ThrottleTime(request, since: 1);
        if (version >= FlexibleFrom) response.NoTaggedFields();
        return Task.FromResult(true);
    }

    private static void WriteApi(KafkaWriter writer, IKafkaApi api)
    {
        writer.Int16((short)api.Key);
        writer.Int16(api.MinVersion);
        writer.Int16(api.MaxVersion);
    }
}
