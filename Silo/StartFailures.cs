using AkLight.Silo.Doors;
using Microsoft.AspNetCore.Connections;

namespace AkLight.Silo;

/// <summary>
/// The one line an operator gets when the silo cannot start because one of its ports is taken, instead of a stack
/// trace and an abort: which listener, which address, which setting to change.
/// </summary>
internal static class StartFailures
{
    /// <summary>Exit code of a silo that could not open a port.</summary>
    public const int PortInUseExitCode = 3;

    /// <summary>The message for <paramref name="error"/> when a port was in use; null for any other failure.</summary>
    public static string? PortInUse(Exception error, SiloDashboardOptions dashboard) => error switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => PortInUse(aggregate.InnerExceptions[0], dashboard),
        PortInUseException door => door.Message,
        // Kestrel wraps the socket's refusal in "Failed to bind to address http://…".
        IOException { InnerException: AddressInUseException } http => new PortInUseException("HTTP listener (web console, dashboard, API)",
            $"{dashboard.Address}:{dashboard.Port}", $"{SiloDashboardOptions.Section}:Port", http).Message,
        // What is left that listens is Orleans: its silo-to-silo port or its client gateway.
        _ when PortInUseException.IsAddressInUse(error) => new PortInUseException("silo (cluster or gateway port)", error.Message,
            $"{SiloOptions.Section}:SiloPort or {SiloOptions.Section}:GatewayPort", error).Message,
        _ => null,
    };
}
