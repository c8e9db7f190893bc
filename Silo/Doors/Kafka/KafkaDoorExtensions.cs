using AkLight.Grains.Kafka;
using AkLight.Silo.Doors.Kafka.Apis;
using AkLight.Silo.Doors.Kafka.Groups;

namespace AkLight.Silo.Doors.Kafka;

/// <summary>Registers the Kafka door: a listener speaking Kafka's wire protocol, translated into the broker service.</summary>
public static class KafkaDoorExtensions
{
    /// <summary>
    /// The Kafka door, when <c>AkLight:Kafka:Enabled</c>. Like every listener, one beyond loopback without
    /// principals stops the silo here, before anything starts.
    /// </summary>
    public static IServiceCollection AddKafkaDoor(this IServiceCollection services, IConfiguration configuration)
    {
        var kafka = configuration.GetValidatedOptions<KafkaOptions>(KafkaOptions.Section);
        var security = services.AddAccessPolicy(configuration);
        if (kafka.Enabled) ListenerExposure.Check(security.RequiresAuthentication, [($"{KafkaOptions.Section}:Address", kafka.ListenAddress)]);
        services.AddValidatedOptions<KafkaOptions>(KafkaOptions.Section);
        services.AddSingleton<KafkaNode>();
        services.AddSingleton<IKafkaApi, ApiVersionsApi>();
        services.AddSingleton<IKafkaApi, MetadataApi>();
        services.AddSingleton<IKafkaApi, ProduceApi>();
        services.AddSingleton<PartitionDataSignals>();
        services.AddSingleton<KafkaFetchWatch>();
        services.AddSingleton<IKafkaApi, FetchApi>();
        services.AddSingleton<IKafkaApi, ListOffsetsApi>();
        services.AddSingleton<IKafkaApi, InitProducerIdApi>();
        services.AddSingleton<KafkaGroups>();
        services.AddSingleton<IKafkaApi, FindCoordinatorApi>();
        services.AddSingleton<IKafkaApi, JoinGroupApi>();
        services.AddSingleton<IKafkaApi, SyncGroupApi>();
        services.AddSingleton<IKafkaApi, HeartbeatApi>();
        services.AddSingleton<IKafkaApi, LeaveGroupApi>();
        services.AddSingleton<IKafkaApi, OffsetCommitApi>();
        services.AddSingleton<IKafkaApi, OffsetFetchApi>();
        services.AddSingleton<IKafkaApi, ListGroupsApi>();
        services.AddSingleton<IKafkaApi, DescribeGroupsApi>();
        services.AddSingleton<IKafkaApi, CreateTopicsApi>();
        services.AddSingleton<IKafkaApi, DeleteTopicsApi>();
        services.AddSingleton<IKafkaApi, DescribeConfigsApi>();
        services.AddSingleton<IKafkaApi, SaslHandshakeApi>();
        services.AddSingleton<IKafkaApi, SaslAuthenticateApi>();
        services.AddSingleton<KafkaApis>();
        services.AddHostedService<KafkaListener>();
        return services;
    }
}
