namespace AkLight.CommandLine;

/// <summary>Turns a failure into one line on standard error and an exit code; never a stack trace.</summary>
internal static class ErrorReport
{
    /// <summary>Writes <c>error: …</c> on one line and returns the exit code for <paramref name="error"/>.</summary>
    public static int Print(TextWriter output, Exception error)
    {
        var code = ExitCodeFor(error);
        var text = code == ExitCodes.Failure && error is not AkLightException ? $"{error.GetType().Name}: {error.Message}" : ArgumentMessages.Of(error);
        Print(output, text);
        return code;
    }

    /// <summary>Writes <c>error: <paramref name="message"/></c> on one line.</summary>
    public static void Print(TextWriter output, string message)
    {
        var oneLine = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        output.WriteLine($"error: {oneLine}");
        output.Flush();
    }

    /// <summary>Bad input is 2, an unreachable or unanswering broker 3, anything else 1.</summary>
    public static int ExitCodeFor(Exception error) => error switch
    {
        UsageException or MessageTooLargeException or ArgumentException => ExitCodes.BadInput,
        BrokerUnreachableException or StoreUnavailableException or StaleWriterException or OrleansException or TimeoutException => ExitCodes.BrokerUnreachable,
        AkLightException { InnerException: { } inner } => ExitCodeFor(inner), // an undelivered batch wraps why
        _ => ExitCodes.Failure,
    };
}
