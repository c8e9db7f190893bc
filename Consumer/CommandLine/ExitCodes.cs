namespace AkLight.Consumer.CommandLine;

/// <summary>The process exit codes scripts rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something unexpected failed; the message says what.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments: a bad topic filter or start position, an unknown option.</summary>
    public const int BadInput = 2;

    /// <summary>The broker could not be reached, or went away.</summary>
    public const int BrokerUnreachable = 3;
}
