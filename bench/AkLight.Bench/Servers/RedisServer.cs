namespace AkLight.Bench.Servers;

/// <summary>
/// Debian's redis-server as a child process on a free port of 127.0.0.1, with the append-only file on and
/// fsynced every second (<c>appendfsync everysec</c>), no RDB snapshots.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly ChildProcess _process;

    private RedisServer(int port, ChildProcess process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public int Pid => _process.Pid;

    public static string? Unavailable() => File.Exists(Executable) ? null : $"{Executable} not found (apt-get install redis-server)";

    public static async Task<RedisServer> StartAsync(string workRoot, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } reason) throw new BenchSetupException(reason);
        var folder = Path.Combine(workRoot, "redis");
        Directory.CreateDirectory(folder);
        var port = FreePorts.Next();
        string[] arguments =
        [
            "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", folder, "--daemonize", "no",
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--logfile", "",
        ];
        var process = ChildProcess.Start("redis-server", Executable, arguments, folder, Path.Combine(workRoot, "redis.log"));
        var server = new RedisServer(port, process);
        try
        {
            await FreePorts.WaitListeningAsync(port, process, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
