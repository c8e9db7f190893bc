namespace AkLight.CommandLine;

/// <summary>Error text without the "(Parameter 'x')" suffix .NET adds to argument errors.</summary>
internal static class ArgumentMessages
{
    public static string Of(Exception error)
    {
        if (error is not ArgumentException { ParamName: { } name }) return error.Message;
        var suffix = $" (Parameter '{name}')";
        return error.Message.EndsWith(suffix, StringComparison.Ordinal) ? error.Message[..^suffix.Length] : error.Message;
    }
}
