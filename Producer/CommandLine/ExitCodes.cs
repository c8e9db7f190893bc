namespace AkLight.Producer.CommandLine;

/// <summary>The process exit codes scripts rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something unexpected failed; the message says what.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or input: a bad topic name, an oversized message, an unknown option.</summary>
    public const int BadInput = 2;

    /// <summary>The broker could not be reached, or did not acknowledge in time.</summary>
    public const int BrokerUnreachable = 3;
}
