using System.Net;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>Registers the MQTT door (<c>AkLight:Mqtt</c>): MQTT 3.1.1 and 5 clients publish to and subscribe from the broker.</summary>
public static class MqttDoorServiceExtensions
{
    /// <summary>
    /// The MQTT listener, unless <c>AkLight:Mqtt:Enabled</c> is false. It listens on loopback unless told otherwise,
    /// and like every listener refuses to start beyond loopback without principals.
    /// </summary>
    public static IServiceCollection AddMqttDoor(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetValidatedOptions<MqttOptions>(MqttOptions.Section);
        if (!settings.Enabled) return services;
        services.AddValidatedOptions<MqttOptions>(MqttOptions.Section);
        var silo = configuration.GetValidatedOptions<SiloOptions>(SiloOptions.Section);
        var (setting, address) = settings.Address is { } given
            ? ($"{MqttOptions.Section}:Address", IPAddress.TryParse(given, out var ip) ? ip : throw new ArgumentException($"{MqttOptions.Section}:Address: '{given}' is not an IP address"))
            : ($"{SiloOptions.Section}:ListenOnAnyAddress", silo.ListenOnAnyAddress ? IPAddress.Any : IPAddress.Loopback);
        var security = services.AddAccessPolicy(configuration);
        ListenerExposure.Check(security.RequiresAuthentication, [(setting, address)]);
        services.AddSingleton(new MqttListenAddress(address));
        services.AddHostedService<MqttDoorHost>();
        return services;
    }
}
