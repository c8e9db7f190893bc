using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using AkLight.Grains.Hosting;
using AkLight.Grains.Options;

namespace AkLight.Silo;

/// <summary>Builds the broker silo from configuration.</summary>
public static class HostingExtensions
{
    public static IHostApplicationBuilder AddAkLightSilo(this IHostApplicationBuilder builder)
    {
        var siloOptions = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        builder.UseOrleans(silo =>
        {
            // The embedded default: one silo on this machine, every store in one SQLite file.
            silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort);
            silo.AddAkLightBroker(builder.Configuration);
            silo.AddEmbeddedStore(storage);
        });
        return builder;
    }
}
