using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using AkLight.Silo;

// Settings come from the app's folder (appsettings.json), the environment and the command line; relative
// paths in them (the data folder) resolve against the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var dashboard = builder.Configuration.GetSection(DashboardSettings.Section).Get<DashboardSettings>() ?? new DashboardSettings();
if (dashboard.Enabled)
{
    builder.AddAkLightSiloWithDashboard(dashboard);
    var app = builder.Build();
    app.MapAkLightDashboard();
    await app.RunAsync();
}
else
{
    // No dashboard: a plain host, so the silo opens no HTTP port at all.
    var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
    host.AddAkLightSilo();
    await host.Build().RunAsync();
}
