using AkLight.Bench.Matrix;
using AkLight.Bench.Report;

BenchOptions options;
try
{
    options = BenchArguments.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

using var shutdown = new ShutdownSignal();
ClientExceptions.Start();
ProcessRegistry.PidFile = options.PidFile;
var workRoot = Directory.CreateTempSubdirectory("aklight-bench-").FullName;
// PostgreSQL and mosquitto run as their own users and need to reach their folders inside.
File.SetUnixFileMode(workRoot, (UnixFileMode)0b111_101_101);
var command = Environment.GetEnvironmentVariable("AKLIGHT_BENCH_COMMAND") ?? $"dotnet run -c Release --project bench/AkLight.Bench -- {string.Join(' ', args)}";
var started = DateTime.UtcNow;
try
{
    if (options.Mode == BenchMode.Smoke) return await SmokeRun.RunAsync(options, workRoot, shutdown.Token);

    var report = new BenchReport(options, await MachineInfo.ReadAsync(), command);
    Progress.Log($"bench {options.Mode.ToString().ToLowerInvariant()}: work folder {workRoot}");
    var cancelled = false;
    try
    {
        await BenchMatrix.RunAsync(report, workRoot, shutdown.Token);
    }
    catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
    {
        // Stopped by a signal: what was measured so far is still reported.
        cancelled = true;
        report.Skipped["the rest of the run"] = $"stopped by a signal at {DateTime.Now:HH:mm:ss}";
    }
    report.Elapsed = DateTime.UtcNow - started;
    report.LoadAtEnd = BenchReport.LoadAverage();
    ResultTable.Write(Console.Out, report);
    if (options.OutputFile is { } file)
    {
        await using var writer = new StreamWriter(file);
        ResultTable.Write(writer, report);
        Progress.Log($"results written to {file}");
    }
    return cancelled ? 130 : report.TotalLost == 0 ? 0 : 1;
}
catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
{
    Console.Error.WriteLine("bench cancelled");
    return 130;
}
catch (BenchSetupException error)
{
    Console.Error.WriteLine($"bench could not start: {error.Message}");
    return 3;
}
finally
{
    ProcessRegistry.StopAll(TimeSpan.FromSeconds(10));
    if (!options.KeepWorkFolder)
    {
        try
        {
            Directory.Delete(workRoot, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"could not delete {workRoot}: {error.Message}");
        }
    }
    else
    {
        Console.Error.WriteLine($"logs and data kept in {workRoot}");
    }
}
