using AkLight.Silo;
using AkLight.Silo.Doors.Http;
using AkLight.Silo.Metrics;
using AkLight.Silo.Security;

if (args.Length > 0 && args[0] == PrincipalCommand.Name) return PrincipalCommand.Run(args[1..], Console.Out, Console.Error);

// Settings come from the app's folder (appsettings.json), the environment and the command line; relative
// paths in them (the data folder) resolve against the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var dashboard = builder.Configuration.GetValidatedOptions<SiloDashboardOptions>(SiloDashboardOptions.Section);
var http = builder.Configuration.GetValidatedOptions<HttpOptions>(HttpOptions.Section);
try
{
    if (dashboard.Enabled || http.ServesApi(dashboard))
    {
        // The dashboard, the HTTP API and the web console share one Kestrel listener.
        builder.AddAkLightSiloWithHttp(dashboard, http);
        builder.AddAkLightMetrics();
        var app = builder.Build();
        app.MapAkLightHttp(dashboard, http);
        app.MapAkLightMetrics();
        await app.RunAsync();
    }
    else
    {
        // Nothing served over HTTP: a plain host, so the silo opens no HTTP port at all.
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        host.AddAkLightSilo();
        await host.Build().RunAsync();
    }
    return 0;
}
catch (Exception error) when (StartFailures.PortInUse(error, dashboard) is { } message)
{
    // The host has logged the details; the operator needs the port and the setting.
    await Console.Error.WriteLineAsync($"AKLight silo not started: {message}");
    return StartFailures.PortInUseExitCode;
}
