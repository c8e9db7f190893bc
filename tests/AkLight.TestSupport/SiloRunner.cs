namespace AkLight.TestSupport;

/// <summary>
/// A real silo process (<c>dotnet AkLight.Silo.dll</c>) configured on its command line, in a working folder given to
/// it. Only what the test says configures it: no cluster store and no environment name is inherited from the test
/// run. Every wait is bounded; disposing kills it (the whole tree) and, when asked, deletes its folder.
/// </summary>
public sealed class SiloRunner : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string?> IsolatedEnvironment = new Dictionary<string, string?>
    {
        ["AKLIGHT_POSTGRES"] = null,
        ["DOTNET_ENVIRONMENT"] = "Production",
    };

    private readonly string[] _arguments;
    private readonly bool _deleteFolder;
    private ProcessRunner _process;

    private SiloRunner(string workingDirectory, string[] arguments, bool deleteFolder)
    {
        WorkingDirectory = workingDirectory;
        _arguments = arguments;
        _deleteFolder = deleteFolder;
        _process = Launch();
    }

    public string WorkingDirectory { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts a silo on the embedded store, its data in a new temporary folder named after <paramref name="folderPrefix"/>
    /// (deleted on dispose), on <paramref name="siloPort"/> and <paramref name="gatewayPort"/>, with <paramref name="settings"/> besides.
    /// </summary>
    public static SiloRunner StartEmbedded(string folderPrefix, int siloPort, int gatewayPort, IEnumerable<string> settings)
    {
        var data = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        return Start(
            [$"AkLight:Silo:SiloPort={siloPort}", $"AkLight:Silo:GatewayPort={gatewayPort}", $"AkLight:Storage:DataDirectory={data}", .. settings],
            data, deleteFolderOnDispose: true);
    }

    /// <summary>
    /// Starts a silo with <paramref name="settings"/> (<c>Key=Value</c>, as on its command line without the dashes) in
    /// <paramref name="workingDirectory"/>, which holds its relative paths; <paramref name="deleteFolderOnDispose"/>
    /// when the folder is the test's own to throw away.
    /// </summary>
    public static SiloRunner Start(IEnumerable<string> settings, string workingDirectory, bool deleteFolderOnDispose = false)
    {
        Directory.CreateDirectory(workingDirectory);
        // appsettings.json quiets "Microsoft" to Warning; the readiness line is logged at Information.
        string[] arguments = [.. settings.Select(s => "--" + s), "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information"];
        return new SiloRunner(workingDirectory, arguments, deleteFolderOnDispose);
    }

    /// <summary>Waits until the silo says it started; fails when it exits first or the time is up.</summary>
    public Task WaitUntilStartedAsync(TimeSpan timeout) =>
        _process.WaitForStdoutAsync(lines => lines.Any(l => l.Contains("Application started", StringComparison.Ordinal)), timeout);

    /// <summary>Waits until the silo exits by itself (it could not start) and returns its exit code; fails when the time is up.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    /// <summary>What the silo wrote to its standard error so far.</summary>
    public IReadOnlyList<string> Stderr => _process.Stderr;

    /// <summary>Stops the silo as a service manager would (SIGTERM) and returns its exit code; kills it and fails when the time is up.</summary>
    public Task<int> StopAsync(TimeSpan timeout)
    {
        _process.Terminate();
        return _process.WaitForExitAsync(timeout);
    }

    /// <summary><c>kill -9</c> of the silo and its children: it gets no chance to leave its cluster.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Starts the silo again, with the same command line in the same folder, after it stopped.</summary>
    public void Relaunch()
    {
        _process.Dispose();
        _process = Launch();
    }

    /// <summary>The silo's output, for failure messages.</summary>
    public string Describe() => _process.Describe();

    /// <summary>The silo's last <paramref name="lines"/> lines of each stream.</summary>
    public string Describe(int lines) => _process.Describe(lines);

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        if (!_deleteFolder) return ValueTask.CompletedTask;
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
        return ValueTask.CompletedTask;
    }

    private ProcessRunner Launch() =>
        ProcessRunner.StartDotnet(RepositoryPaths.SiloDll, _arguments, WorkingDirectory, environment: IsolatedEnvironment);
}
