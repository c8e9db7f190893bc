namespace AkLight.Bench.Servers;

/// <summary>
/// Debian's mosquitto as a child process on a free port of 127.0.0.1, with persistence on. It persists by
/// saving its in-memory state every second (<c>autosave_interval 1</c>), not per message. Queues to the
/// subscriber are unbounded so that QoS 1 never drops a message silently.
/// </summary>
internal sealed class MosquittoServer(int port, ChildProcess process) : ExternalServer(port, process)
{
    public const string Executable = "/usr/sbin/mosquitto";

    public static string? Unavailable() => Missing(Executable, "mosquitto");

    public static async Task<MosquittoServer> StartAsync(string workRoot, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } reason) throw new BenchSetupException(reason);
        var folder = Path.Combine(workRoot, "mosquitto");
        var persistence = Path.Combine(folder, "db");
        Directory.CreateDirectory(persistence);
        // Run as root, mosquitto drops to its own user, which must be able to write the persistence folder.
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(persistence, (UnixFileMode)0b111_111_111);
        var port = FreePorts.Next();
        var config = Path.Combine(folder, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {persistence}/
            autosave_interval 1
            max_queued_messages 0
            max_queued_bytes 0
            max_inflight_messages 1000
            log_dest stdout
            log_type error
            log_type warning
            """, cancellationToken).ConfigureAwait(false);
        var process = ChildProcess.Start("mosquitto", Executable, ["-c", config], folder, Path.Combine(workRoot, "mosquitto.log"));
        var server = new MosquittoServer(port, process);
        await server.WaitListeningAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }
}
