namespace AkLight.Silo;

/// <summary>Says at start which mode the silo runs in and where its data lives (never a password).</summary>
internal sealed partial class SiloModeLog(string mode, ILogger<SiloModeLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogMode(logger, mode);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "AKLight silo in {Mode}")]
    private static partial void LogMode(ILogger logger, string mode);
}
