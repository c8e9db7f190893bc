using System.Reflection;
using AkLight.Grains.Security;
using AkLight.Silo.Doors.Kafka;
using AkLight.Silo.Doors.Kafka.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// Every request type of the Kafka door, built without a silo: what a handler needs only after it has read its
/// request (grains, the broker service) is left null. A handler given a connection without a principal reads the
/// whole body and then stops at <see cref="KafkaConnectionState.RequirePrincipal"/>, before anything needs a grain,
/// so the fuzz tests reach every body reader.
/// </summary>
internal static class KafkaDoorWithoutSilo
{
    public static KafkaApis Apis { get; } = Build();

    /// <summary>A connection that passed the authentication gate, for <see cref="KafkaRequests.Parse"/>.</summary>
    public static KafkaConnectionState SignedIn() => new(null, Principal.Anonymous);

    /// <summary>A connection in the middle of SASL with <paramref name="mechanism"/>: handlers stop at the principal check.</summary>
    public static KafkaConnectionState Authenticating(string? mechanism) => new(null, null) { SaslMechanism = mechanism };

    private static KafkaApis Build()
    {
        var services = new ServiceCollection();
        var options = Microsoft.Extensions.Options.Options.Create(new KafkaOptions());
        var node = new KafkaNode(options);
        // No principals: SASL/PLAIN reads its token and lets anyone in, SCRAM reads its token and finds no such user;
        // neither spends the slow hash that checking a real key costs.
        var policy = new AccessPolicy(new Dictionary<string, Principal>());
        var types = typeof(KafkaApis).Assembly.GetTypes().Where(t => typeof(IKafkaApi).IsAssignableFrom(t) && t is { IsAbstract: false, IsClass: true });
        services.AddSingleton(provider => new KafkaApis(types.Select(t => (IKafkaApi)Create(t, provider, node, policy, options)).ToList()));
        return services.BuildServiceProvider().GetRequiredService<KafkaApis>();
    }

    /// <summary>Built by reflection, so a handler's dependencies may change without this test changing.</summary>
    private static object Create(Type type, IServiceProvider provider, KafkaNode node, AccessPolicy policy, Microsoft.Extensions.Options.IOptions<KafkaOptions> options)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Single();
        var arguments = constructor.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(IServiceProvider) => provider,
            var t when t == typeof(KafkaNode) => node,
            var t when t == typeof(AccessPolicy) => policy,
            var t when t == typeof(Microsoft.Extensions.Options.IOptions<KafkaOptions>) => options,
            var t when t == typeof(TimeProvider) => TimeProvider.System,
            var t when t.IsValueType => Activator.CreateInstance(t),
            _ => null,
        }).ToArray();
        return constructor.Invoke(arguments);
    }
}
