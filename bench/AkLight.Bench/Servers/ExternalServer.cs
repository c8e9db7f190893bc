namespace AkLight.Bench.Servers;

/// <summary>
/// A third-party server the bench compares against, run as a child process on a free port of 127.0.0.1 and
/// handed out once that port listens.
/// </summary>
internal abstract class ExternalServer(int port, ChildProcess process) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public int Port => port;

    public int Pid => process.Pid;

    public ValueTask DisposeAsync() => process.DisposeAsync();

    /// <summary>Why the server cannot run here (its Debian package is not installed), or null when it can.</summary>
    protected static string? Missing(string executable, string package) =>
        File.Exists(executable) ? null : $"{executable} not found (apt-get install {package})";

    /// <summary>Waits until the port listens; a server that does not come up is stopped again.</summary>
    protected async Task WaitListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FreePorts.WaitListeningAsync(port, process, StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
