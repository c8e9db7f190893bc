namespace AkLight.Bench.Servers;

/// <summary>
/// Debian's redis-server as a child process on a free port of 127.0.0.1, with the append-only file on and
/// fsynced every second (<c>appendfsync everysec</c>), no RDB snapshots.
/// </summary>
internal sealed class RedisServer(int port, ChildProcess process) : ExternalServer(port, process)
{
    public const string Executable = "/usr/bin/redis-server";

    public static string? Unavailable() => Missing(Executable, "redis-server");

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
        await server.WaitListeningAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }
}
