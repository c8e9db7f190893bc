using System.Net.Sockets;
using AkLight.Silo;
using AkLight.Silo.Doors;
using Microsoft.AspNetCore.Connections;

namespace AkLight.Parts.Tests;

/// <summary>The one line a silo that cannot open a port prints: which listener, and the setting to change.</summary>
public sealed class StartFailuresTests
{
    private static readonly SiloDashboardOptions Dashboard = new() { Address = "127.0.0.1", Port = 8081 };

    [Fact]
    public void Kestrels_bind_failure_names_the_http_listener_and_its_port_setting()
    {
        var kestrel = new IOException("Failed to bind to address http://127.0.0.1:8081: address already in use.",
            new AddressInUseException("Address already in use"));

        Assert.Equal("the HTTP listener (web console, dashboard, API) cannot listen on 127.0.0.1:8081: the port is in use " +
            "(another silo on this machine?); set AkLight:Dashboard:Port to a free port for this silo", StartFailures.PortInUse(kestrel, Dashboard));
    }

    [Fact]
    public void A_doors_failure_keeps_its_own_message_also_inside_an_aggregate()
    {
        var door = new PortInUseException("Kafka door", "127.0.0.1:9092", "AkLight:Kafka:Port", new SocketException((int)SocketError.AddressAlreadyInUse));

        Assert.Equal(door.Message, StartFailures.PortInUse(new AggregateException(door), Dashboard));
        Assert.Equal("AkLight:Kafka:Port", door.Setting);
    }

    [Fact]
    public void Any_other_port_in_use_is_the_silos_own_and_other_failures_are_not_port_failures()
    {
        Assert.Contains("AkLight:Silo:SiloPort or AkLight:Silo:GatewayPort",
            StartFailures.PortInUse(new AddressInUseException("Address already in use"), Dashboard));
        Assert.Null(StartFailures.PortInUse(new InvalidOperationException("something else"), Dashboard));
        Assert.Null(StartFailures.PortInUse(new SocketException((int)SocketError.ConnectionRefused), Dashboard));
    }
}
