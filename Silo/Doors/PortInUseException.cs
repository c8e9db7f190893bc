using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace AkLight.Silo.Doors;

/// <summary>
/// A listener of the silo could not open its port because something else holds it, most often another silo on the
/// same machine with the same defaults. The silo stops (a silo that quietly ran without its Kafka or MQTT door would
/// surprise the clients pointed at it); the message names the port and the setting that gives this silo its own.
/// </summary>
public sealed class PortInUseException(string listener, string endpoint, string setting, Exception inner)
    : Exception($"the {listener} cannot listen on {endpoint}: the port is in use (another silo on this machine?); " +
        $"set {setting} to a free port for this silo", inner)
{
    /// <summary>The setting that moves the listener to another port.</summary>
    public string Setting { get; } = setting;

    /// <summary>True when <paramref name="error"/> (or what it wraps) says the address is already in use.</summary>
    public static bool IsAddressInUse(Exception? error) => error switch
    {
        null => false,
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or AddressInUseException => true,
        _ => IsAddressInUse(error.InnerException),
    };

    /// <summary>Opens a listener with <paramref name="listen"/>; an address in use becomes a <see cref="PortInUseException"/>.</summary>
    public static void Listen(Action listen, string listener, string endpoint, string setting)
    {
        try
        {
            listen();
        }
        catch (Exception error) when (IsAddressInUse(error))
        {
            throw new PortInUseException(listener, endpoint, setting, error);
        }
    }

    /// <inheritdoc cref="Listen(Action, string, string, string)"/>
    public static async Task ListenAsync(Func<Task> listen, string listener, string endpoint, string setting)
    {
        try
        {
            await listen();
        }
        catch (Exception error) when (IsAddressInUse(error))
        {
            throw new PortInUseException(listener, endpoint, setting, error);
        }
    }
}
