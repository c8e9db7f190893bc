using Npgsql;

namespace AkLight.Bench.Servers;

/// <summary>
/// A throwaway PostgreSQL server for the run: initdb in a temp folder, the postmaster as a child process on a
/// free port of 127.0.0.1 (socket in the same folder), durable settings left at their defaults (fsync and
/// synchronous_commit on) but max_connections, raised to 500: a cluster silo may open up to 200 connections
/// (its Npgsql data source and the Orleans ADO.NET providers pool 100 each), and two silos under a burst of new
/// topics exhaust 300 ("sorry, too many clients already"). As root, initdb and postgres run as the postgres user (through setpriv, which
/// keeps the pid). Stopped by pid with SIGINT (PostgreSQL's fast shutdown).
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private readonly ChildProcess _postmaster;

    private PostgresServer(string root, int port, ChildProcess postmaster)
    {
        Root = root;
        Port = port;
        _postmaster = postmaster;
    }

    public string Root { get; }

    public int Port { get; }

    public int Pid => _postmaster.Pid;

    /// <summary>Why PostgreSQL cannot run here, or null when its binaries are installed.</summary>
    public static string? Unavailable() =>
        FindBinDirectory() is null ? "no PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin (apt-get install postgresql)" : null;

    public static async Task<PostgresServer> StartAsync(string workRoot, CancellationToken cancellationToken)
    {
        var bin = FindBinDirectory() ?? throw new BenchSetupException(Unavailable()!);
        var root = Path.Combine(workRoot, "postgres");
        var data = Path.Combine(root, "data");
        var socket = Path.Combine(root, "sock");
        Directory.CreateDirectory(socket);
        if (IsRoot) await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", root], CommandTimeout).ConfigureAwait(false);
        var (initFile, initArgs) = AsPostgres(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await ProcessRunner.RunAsync(initFile, initArgs, CommandTimeout, root).ConfigureAwait(false);

        var port = FreePorts.Next();
        var (file, arguments) = AsPostgres(Path.Combine(bin, "postgres"),
            ["-D", data, "-p", port.ToString(), "-k", socket, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=500"]);
        var postmaster = ChildProcess.Start("postgres", file, arguments, root, Path.Combine(workRoot, "postgres.log"), stopSignal: Signals.Interrupt);
        var server = new PostgresServer(root, port, postmaster);
        try
        {
            await FreePorts.WaitListeningAsync(port, postmaster, CommandTimeout, cancellationToken).ConfigureAwait(false);
            await server.WaitAcceptingAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = "postgres",
        Timeout = 15,
        CommandTimeout = 120,
    }.ConnectionString;

    /// <summary>A new database, with the AKLight schema applied by sql/apply.sh (as an operator would); returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var url = $"postgresql://postgres@127.0.0.1:{Port}/{name}";
        await ProcessRunner.RunAsync("bash", [RepoPaths.SqlApplyScript, url], CommandTimeout).ConfigureAwait(false);
        return ConnectionString(name);
    }

    private async Task WaitAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + CommandTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !_postmaster.HasExited)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false); // "the database system is starting up"
            }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>initdb and postgres refuse to run as root: as root, run them as the postgres user (setpriv execs, so the pid is postgres').</summary>
    private static (string File, string[] Arguments) AsPostgres(string executable, string[] arguments) =>
        IsRoot
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", executable, .. arguments])
            : (executable, arguments);

    private static string? FindBinDirectory()
    {
        const string baseDirectory = "/usr/lib/postgresql";
        if (!Directory.Exists(baseDirectory)) return null;
        return Directory.GetDirectories(baseDirectory)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Dir, "initdb")) && File.Exists(Path.Combine(c.Dir, "postgres")))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Dir)
            .FirstOrDefault();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _postmaster.DisposeAsync().ConfigureAwait(false);
    }
}
