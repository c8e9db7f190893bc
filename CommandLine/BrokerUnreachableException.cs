namespace AkLight.CommandLine;

/// <summary>No broker answered; reported in one line with exit code <see cref="ExitCodes.BrokerUnreachable"/>.</summary>
internal sealed class BrokerUnreachableException(string message, Exception inner) : Exception(message, inner);
