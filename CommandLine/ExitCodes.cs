namespace AkLight.CommandLine;

/// <summary>The process exit codes scripts rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something unexpected failed; the message says what.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or input: a bad topic name or filter, an oversized message, an unknown option.</summary>
    public const int BadInput = 2;

    /// <summary>The broker could not be reached, went away, or did not acknowledge in time.</summary>
    public const int BrokerUnreachable = 3;
}
