namespace AkLight.Cluster.PostgresTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run: initdb in a temp folder, listening on a free port of
/// 127.0.0.1 only (its unix socket in the same folder), with a template database holding the schema of
/// sql/*.sql (applied by sql/apply.sh). Each test takes a fresh database copied from the template.
/// Torn down with <c>pg_ctl stop -m immediate</c> and the folder deleted.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string TemplateDatabase = "aklight_template";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private int _databases;

    public string BinDirectory { get; private set; } = "";
    public string Root { get; private set; } = "";
    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(Root, "data");
    private string SocketDirectory => Path.Combine(Root, "sock");
    private string LogFile => Path.Combine(Root, "postgres.log");

    /// <summary>True while the server is up (between <see cref="StopAsync"/> and <see cref="StartAsync"/> it is not).</summary>
    public bool IsRunning { get; private set; }

    /// <summary>Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = "postgres",
            Timeout = 5,
        }.ConnectionString;

    public async Task InitializeAsync()
    {
        BinDirectory = FindBinDirectory();
        Root = Directory.CreateTempSubdirectory("aklight-pg-").FullName;
        Directory.CreateDirectory(SocketDirectory);
        Port = FreePorts.Pick();
        if (IsRoot) await Command.RunAsync("chown", ["-R", "postgres:postgres", Root], CommandTimeout);

        await RunAsPostgresAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await StartAsync();
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {TemplateDatabase}", admin);
            await create.ExecuteNonQueryAsync();
        }
        // The scripts as an operator runs them (psql through sql/apply.sh), twice: they must be re-runnable.
        var apply = Path.Combine(RepositoryPaths.SqlDirectory, "apply.sh");
        var url = $"postgresql://postgres@127.0.0.1:{Port}/{TemplateDatabase}";
        var path = new Dictionary<string, string> { ["PATH"] = BinDirectory + ":" + Environment.GetEnvironmentVariable("PATH") };
        await Command.RunAsync("bash", [apply, url], CommandTimeout, path);
        await Command.RunAsync("bash", [apply, url], CommandTimeout, path);
    }

    /// <summary>A new database with the AKLight schema; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix) => ConnectionString(await CreateAsync(prefix, $" TEMPLATE {TemplateDatabase}"));

    /// <summary>A new empty database (no schema); returns its name.</summary>
    public Task<string> CreateEmptyDatabaseAsync(string prefix) => CreateAsync(prefix, "");

    private async Task<string> CreateAsync(string prefix, string template)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}".ToLowerInvariant();
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{template}", admin);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>PATH with this server's client tools (psql) first, for scripts run against it.</summary>
    public string ToolPath => BinDirectory + ":" + Environment.GetEnvironmentVariable("PATH");

    /// <summary>Starts the server (again); returns when it accepts connections.</summary>
    public async Task StartAsync()
    {
        await RunAsPostgresAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile,
            "-o", $"-p {Port} -k {SocketDirectory} -c listen_addresses=127.0.0.1 -c max_connections=300"]);
        IsRunning = true;
    }

    /// <summary>Stops the server cleanly (<c>pg_ctl stop -m fast</c>).</summary>
    public async Task StopAsync()
    {
        await RunAsPostgresAsync("pg_ctl", ["stop", "-w", "-t", "60", "-m", "fast", "-D", DataDirectory]);
        IsRunning = false;
        NpgsqlConnection.ClearAllPools();
    }

    public async Task DisposeAsync()
    {
        if (Root.Length == 0) return;
        try
        {
            if (Directory.Exists(DataDirectory))
                await RunAsPostgresAsync("pg_ctl", ["stop", "-w", "-t", "30", "-m", "immediate", "-D", DataDirectory]);
        }
        catch (Exception)
        {
            // Already stopped, or never started: deleting the folder is what matters now.
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling file; the temp folder is cleaned up by the OS eventually.
        }
    }

    /// <summary>The last lines of the server log, for failure messages.</summary>
    public string LogTail(int lines = 30) =>
        File.Exists(LogFile) ? string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(lines)) : "(no server log)";

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>initdb and postgres refuse to run as root: as root, run them as the postgres OS user.</summary>
    private Task<string> RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(BinDirectory, tool);
        return IsRoot
            ? Command.RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], CommandTimeout, workingDirectory: Root)
            : Command.RunAsync(executable, arguments, CommandTimeout, workingDirectory: Root);
    }

    /// <summary>The newest /usr/lib/postgresql/&lt;version&gt;/bin with initdb and pg_ctl.</summary>
    private static string FindBinDirectory()
    {
        const string baseDirectory = "/usr/lib/postgresql";
        var found = Directory.Exists(baseDirectory)
            ? Directory.GetDirectories(baseDirectory)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Dir, "initdb")) && File.Exists(Path.Combine(c.Dir, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Dir)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"these tests need a local PostgreSQL server binary (initdb, pg_ctl) under {baseDirectory}/<version>/bin and found none: " +
            "install it with 'apt-get install postgresql' (the service does not need to run; the tests start their own server)");
    }
}

/// <summary>Tests sharing one PostgreSQL server; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
