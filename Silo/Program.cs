using Microsoft.Extensions.Hosting;
using AkLight.Silo;

// Settings come from the app's folder (appsettings.json), the environment and the command line; relative
// paths in them (the data folder) resolve against the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddAkLightSilo();
await builder.Build().RunAsync();
