using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkLight.Grains.Security;

/// <summary>Says at start which principals file the silo serves, and what it converted in it.</summary>
internal sealed partial class PrincipalsFileLog(ILogger<PrincipalsFileLog> logger, string path, int principals, IReadOnlyList<string> migrated) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (migrated.Count > 0) LogMigrated(path, migrated.Count, string.Join(", ", migrated));
        LogLoaded(path, principals);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Principals file {Path}: converted {Count} old pbkdf2-sha256 keys (salted passwords) to SCRAM verifiers: {Principals}")]
    private partial void LogMigrated(string path, int count, string principals);

    [LoggerMessage(Level = LogLevel.Information, Message = "Principals file {Path}: {Count} principals; every door requires a key")]
    private partial void LogLoaded(string path, int count);
}
