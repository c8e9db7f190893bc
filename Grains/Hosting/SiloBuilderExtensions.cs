using AkLight.Grains.Placement;
using AkLight.Grains.Sessions;
using AkLight.Grains.Topics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AkLight.Grains.Hosting;

/// <summary>Wires the broker's grains, options and stores into a silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>The broker's options and services, without a store (AkLight.Storage.Hosting adds one).</summary>
    public static ISiloBuilder AddAkLightBroker(this ISiloBuilder silo)
    {
        silo.Services.AddValidatedOptions<BrokerOptions>(BrokerOptions.Section);
        // Plain types that take the broker's options as a value (TopicDefaults, the limits' validator, the publisher).
        silo.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<BrokerOptions>>().Value);
        silo.Services.AddSingleton<TopicDefaults>();
        silo.Services.AddSingleton<TopicLimits>();
        silo.Services.AddSingleton<SiloLossSignal>();
        silo.AddBrokerSecurity();
        silo.Services.AddValidatedOptions<GroupOptions>(GroupOptions.Section);
        silo.Services.TryAddTimeProvider();
        // Retention checks run every quarter of a topic's retention, which may be shorter than Orleans' 1-minute floor.
        silo.Services.AddOptions<ReminderOptions>().Configure<IOptions<BrokerOptions>>((reminders, broker) => reminders.MinimumReminderPeriod = broker.Value.MinRetentionCheck);
        silo.AddReminders();
        // Partitions spread evenly over the silos; the default placement may put them all on one.
        silo.AddPartitionPlacement();
        return silo;
    }

    /// <summary>
    /// Limits, principals and the gateway's guard: every client call is authenticated and checked against the
    /// access rules (<see cref="ClientCallFilter"/>); the silo's own calls carry the internal secret
    /// (<see cref="InternalCallStamp"/>), which a cluster shares through its store or <c>AkLight:Security:InternalSecret</c>.
    /// </summary>
    private static void AddBrokerSecurity(this ISiloBuilder silo)
    {
        silo.Services.AddValidatedOptions<LimitOptions, LimitOptionsValidator>(LimitOptions.Section);
        // The host may have loaded it already (its listeners' exposure checks ask it): then that one is used.
        silo.Services.AddAccessPolicy(silo.Configuration);
        var configured = silo.Configuration.GetSection(SecurityOptions.Section)[nameof(SecurityOptions.InternalSecret)];
        if (!string.IsNullOrEmpty(configured)) silo.Services.AddSingleton(new InternalSecret(configured));
        // A cluster's silos share the one their store keeps; a single silo can use any.
        else silo.Services.TryAddSingleton(sp => sp.GetService<StoredInternalSecret>() is { } stored ? new InternalSecret(stored.Value) : InternalSecret.Random());
        silo.Services.AddSingleton<ClientSystemTargets>();
        silo.AddIncomingGrainCallFilter<ClientCallFilter>();
        silo.AddOutgoingGrainCallFilter<InternalCallStamp>();
    }

    /// <summary>
    /// Opens one more Orleans system-target interface (its full name) to clients: the test host's hooks, say.
    /// A broker in production needs none beyond the cluster manifest.
    /// </summary>
    public static ISiloBuilder AllowClientSystemTarget(this ISiloBuilder silo, string interfaceName)
    {
        silo.Services.AddSingleton(new ClientSystemTarget(interfaceName));
        return silo;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
