using System.Net.Sockets;

namespace AkLight.Doors.ProcessTests.Listeners;

/// <summary>
/// A second silo on one machine with a door's port already taken (by the first silo, here by a listener the test
/// holds): it stops at once with one line naming the door, the address and the setting to change, not a stack trace.
/// </summary>
public sealed class PortInUseTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("Kafka door", "AkLight:Kafka:Port")]
    [InlineData("MQTT door", "AkLight:Mqtt:Port")]
    [InlineData("HTTP listener (web console, dashboard, API)", "AkLight:Dashboard:Port")]
    public async Task A_silo_whose_door_port_is_taken_stops_naming_the_port_and_the_setting(string door, string setting)
    {
        var ports = FreePorts.Pick(6);
        using var taken = new TcpListener(IPAddress.Loopback, ports[0]);
        taken.Start();
        // Every listener on a free port of its own, but the one under test on the taken port.
        var settings = new Dictionary<string, string>
        {
            ["AkLight:Kafka:Port"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["AkLight:Mqtt:Port"] = ports[2].ToString(CultureInfo.InvariantCulture),
            ["AkLight:Dashboard:Port"] = ports[3].ToString(CultureInfo.InvariantCulture),
        };
        settings[setting] = ports[0].ToString(CultureInfo.InvariantCulture);
        await using var silo = SiloRunner.StartEmbedded("aklight-port-in-use-", ports[4], ports[5], settings.Select(s => $"{s.Key}={s.Value}"));

        var exitCode = await silo.WaitForExitAsync(ExitTimeout);

        Assert.True(exitCode == 3, $"the silo should stop with exit code 3 (a port in use), got {exitCode}: {silo.Describe(20)}");
        var line = Assert.Single(silo.Stderr, l => l.StartsWith("AKLight silo not started:", StringComparison.Ordinal));
        Assert.Contains($"the {door} cannot listen on 127.0.0.1:{ports[0]}: the port is in use", line);
        Assert.Contains($"set {setting} to a free port", line);
        Assert.DoesNotContain(silo.Stderr, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
