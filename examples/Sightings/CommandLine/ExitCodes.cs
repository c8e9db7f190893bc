namespace AkLight.Examples.Sightings.CommandLine;

/// <summary>The exit codes, as the console tools use them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A check of the run failed, or something unexpected did; the output says what.</summary>
    public const int Failure = 1;

    public const int BadInput = 2;

    public const int BrokerUnreachable = 3;
}
