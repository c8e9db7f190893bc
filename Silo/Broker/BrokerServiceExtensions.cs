namespace AkLight.Silo.Broker;

/// <summary>Registers the broker service: the one layer every door (HTTP, MQTT, Kafka) translates its protocol into.</summary>
public static class BrokerServiceExtensions
{
    public static IServiceCollection AddBrokerService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BrokerServiceOptions>(BrokerServiceOptions.Section);
        services.AddSingleton<Publisher>();
        services.AddSingleton<TopicAdministration>();
        services.AddSingleton<ConsumerSessions>();
        services.AddSingleton<GroupMembership>();
        services.AddSingleton<PartitionReader>();
        services.AddSingleton<StreamSlots>();
        services.AddSingleton<RetainedMessages>();
        return services;
    }
}
