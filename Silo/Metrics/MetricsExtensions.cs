using AkLight.Grains.Telemetry;
using OpenTelemetry.Metrics;

namespace AkLight.Silo.Metrics;

/// <summary>
/// Prometheus metrics at <see cref="BrokerMetricsOptions.Path"/>: the broker's meters (<see cref="BrokerMeters"/>), the
/// consumer groups' gauges, the collector's pauses (<see cref="GcPauseListener"/>), Orleans' meter and the .NET runtime's, in the Prometheus text format written by
/// OpenTelemetry's exporter. Switched by <c>AkLight:Metrics:Enabled</c>.
/// </summary>
public static class MetricsExtensions
{
    /// <summary>The meters exported besides the broker's own.</summary>
    private static readonly string[] PlatformMeters = ["Microsoft.Orleans", "System.Runtime"];

    public static WebApplicationBuilder AddAkLightMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BrokerMetricsOptions>(BrokerMetricsOptions.Section);
        if (!IsEnabled(builder.Configuration)) return builder;
        builder.Services.AddHostedService<ConsumerGroupGauges>();
        builder.Services.AddHostedService<GcPauseListener.Service>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BrokerMeters.MeterName, ConsumerGroupGauges.MeterName, GcPauseListener.MeterName)
            .AddMeter(PlatformMeters)
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapAkLightMetrics(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration)) return app;
        // Like the API: a key of any principal, unless the operator opens the scrape to whoever reaches the port.
        var scrape = app.MapPrometheusScrapingEndpoint(BrokerMetricsOptions.Path).ExcludeFromDescription();
        if (app.Configuration.GetValue($"{BrokerMetricsOptions.Section}:{nameof(BrokerMetricsOptions.Anonymous)}", defaultValue: false)) scrape.AllowAnonymous();
        else scrape.RequireAuthorization();
        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue($"{BrokerMetricsOptions.Section}:{nameof(BrokerMetricsOptions.Enabled)}", defaultValue: true);
}
