using AkLight.Consumer.Consuming;
using AkLight.Consumer.Groups;
using AkLight.Consumer.Monitoring;
using Spectre.Console;

namespace AkLight.Consumer;

/// <summary>
/// Picks the mode, parses its command line, runs it and maps failures to exit codes: <c>monitor</c> (also
/// when run with no arguments at all), <c>groups</c>, or else the kcat-like consumer.
/// </summary>
internal static class ConsumerProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var shutdown = new ShutdownSignal();
        try
        {
            return args switch
            {
                [] => await MonitorAsync([], shutdown.Token).ConfigureAwait(false),
                ["monitor", .. var rest] => await MonitorAsync(rest, shutdown.Token).ConfigureAwait(false),
                ["groups", .. var rest] => await GroupsAsync(rest, shutdown.Token).ConfigureAwait(false),
                _ => await ConsumeAsync(args, shutdown.Token).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            return ExitCodes.Success; // stopped by Ctrl+C or SIGTERM before anything was under way
        }
        catch (Exception error)
        {
            return ErrorReport.Print(Console.Error, error);
        }
    }

    private static async Task<int> ConsumeAsync(string[] args, CancellationToken shutdown)
    {
        var parsed = ArgumentParser.Parse(args, ConsumeOptions.ValueOptions, ConsumeOptions.Switches);
        if (parsed.Has("help")) return await PrintUsageAsync().ConfigureAwait(false);
        var options = ConsumeOptions.From(parsed);
        IMessageWriter writer = options.Json ? new JsonMessageWriter(Console.Out) : new TextMessageWriter(Console.Out);
        return options.Group is null
            ? await ConsumeCommand.RunAsync(options, writer, shutdown).ConfigureAwait(false)
            : await GroupConsumeCommand.RunAsync(options, writer, shutdown).ConfigureAwait(false);
    }

    private static async Task<int> MonitorAsync(string[] args, CancellationToken shutdown)
    {
        var parsed = ArgumentParser.Parse(args, MonitorOptions.ValueOptions, MonitorOptions.Switches);
        if (parsed.Has("help")) return await PrintUsageAsync().ConfigureAwait(false);
        var options = MonitorOptions.From(parsed, Environment.GetEnvironmentVariable);
        var lines = new AlertLine(options.Rules.Thresholds);
        // The live table needs a terminal to redraw in place; anything else (a pipe, a log, docker logs) gets lines.
        IMonitorView view = options.Plain || Console.IsOutputRedirected
            ? new PlainView(Console.Out, Console.Error, lines, PlainView.DefaultSummaryEvery)
            : new LiveTableView(AnsiConsole.Console, Console.Error, lines);
        return await MonitorCommand.RunAsync(options, view, shutdown).ConfigureAwait(false);
    }

    private static async Task<int> GroupsAsync(string[] args, CancellationToken shutdown)
    {
        var parsed = ArgumentParser.Parse(args, GroupsOptions.ValueOptions, GroupsOptions.Switches);
        if (parsed.Has("help")) return await PrintUsageAsync().ConfigureAwait(false);
        return await GroupsCommand.RunAsync(GroupsOptions.From(parsed), Console.Out, shutdown).ConfigureAwait(false);
    }

    private static async Task<int> PrintUsageAsync()
    {
        await Console.Out.WriteLineAsync(Usage.Text).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
