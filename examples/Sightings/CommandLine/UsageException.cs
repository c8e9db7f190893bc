namespace AkLight.Examples.Sightings.CommandLine;

/// <summary>A bad command line; reported in one line with <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
