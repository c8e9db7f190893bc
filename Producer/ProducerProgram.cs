using AkLight.Producer.Agent;
using AkLight.Producer.Sending;
using AkLight.Producer.Stress;

namespace AkLight.Producer;

/// <summary>
/// Dispatches the subcommand: <c>send</c>, <c>stress</c>, or the metric agent — the default, so a container
/// running the tool with no arguments (or only agent options) watches its Docker host.
/// </summary>
internal static class ProducerProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "--help" or "-h" or "help")
        {
            await Console.Out.WriteLineAsync(Usage.Text).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        var (command, options) = args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)
            ? ("agent", args)
            : (args[0], args[1..]);
        if (command is not ("agent" or "send" or "stress"))
        {
            ErrorReport.Print(Console.Error, $"unknown command '{command}'; try 'agent', 'send', 'stress' or --help");
            return ExitCodes.BadInput;
        }

        using var shutdown = new ShutdownSignal();
        try
        {
            var parsed = ArgumentParser.Parse(options, ValueOptions(command), command == "send" ? SendOptions.Switches : ["help"]);
            if (parsed.Has("help"))
            {
                await Console.Out.WriteLineAsync(Usage.Text).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            return command switch
            {
                "send" => await SendCommand.RunAsync(SendOptions.From(parsed), Console.In, Console.Out, Console.Error, shutdown.Token).ConfigureAwait(false),
                "stress" => await StressCommand.RunAsync(StressOptions.From(parsed), Console.Out, shutdown.Token).ConfigureAwait(false),
                _ => await AgentCommand.RunAsync(AgentOptions.From(parsed, Environment.GetEnvironmentVariable), Console.Error, shutdown.Token).ConfigureAwait(false),
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

    private static string[] ValueOptions(string command) => command switch
    {
        "send" => SendOptions.ValueOptions,
        "stress" => StressOptions.ValueOptions,
        _ => AgentOptions.ValueOptions,
    };
}
