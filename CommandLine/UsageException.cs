namespace AkLight.CommandLine;

/// <summary>The command line or its input is wrong; reported in one line with exit code <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
