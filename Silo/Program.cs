using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using AkLight.Silo;
using AkLight.Silo.Metrics;

// Settings come from the app's folder (appsettings.json), the environment and the command line; relative
// paths in them (the data folder) resolve against the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var dashboard = builder.Configuration.GetSection(DashboardSettings.Section).Get<DashboardSettings>() ?? new DashboardSettings();
var http = builder.Configuration.GetSection(HttpSettings.Section).Get<HttpSettings>() ?? new HttpSettings();
http.Validate();
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
