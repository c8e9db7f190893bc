using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AkLight.Silo.Broker;

/// <summary>Registers the broker service: the one layer every door (HTTP, MQTT, Kafka) translates its protocol into.</summary>
public static class BrokerServiceExtensions
{
    public static IServiceCollection AddBrokerService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BrokerServiceOptions>().Bind(configuration.GetSection(BrokerServiceOptions.Section))
            .Validate(o => o.ProduceTimeout > TimeSpan.Zero, $"{BrokerServiceOptions.Section}:ProduceTimeout must be positive")
            .Validate(o => o.MaxFetchWait > TimeSpan.Zero && o.MaxFetchWait < TimeSpan.FromSeconds(30), $"{BrokerServiceOptions.Section}:MaxFetchWait must be between 0 and 30 s")
            .ValidateOnStart();
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
