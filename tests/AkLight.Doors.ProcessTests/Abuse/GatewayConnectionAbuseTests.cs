using System.Net.Sockets;

namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// The gateway port before any key: sockets opened by the hundred from one address, and sockets that say nothing.
/// Over the caps they are closed at once; silent ones after the handshake timeout; a real client still connects.
/// </summary>
public sealed class GatewayConnectionAbuseTests : IAsyncLifetime
{
    private const int PerAddress = 5;
    private SiloServer _silo = null!;

    public async Task InitializeAsync() => _silo = await SiloServer.StartAsync(
        [$"AkLight:Gateway:MaxConnectionsPerAddress={PerAddress}", "AkLight:Gateway:HandshakeTimeout=00:00:02"], servesHttp: false);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Connections_over_the_cap_per_address_are_closed_at_once_and_a_client_connects_once_they_go()
    {
        var port = int.Parse(_silo.Gateway.Split(':')[1], CultureInfo.InvariantCulture);
        var open = new List<TcpClient>();
        try
        {
            for (var i = 0; i < PerAddress; i++)
            {
                var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port);
                open.Add(socket);
            }
            using var over = new TcpClient();
            await over.ConnectAsync(IPAddress.Loopback, port);
            Assert.True(await ClosedWithinAsync(over, TimeSpan.FromSeconds(1.5)), "the connection over the cap was left open");
        }
        finally
        {
            foreach (var socket in open) socket.Dispose();
        }
        // Their places are given back: a real client connects and is served.
        await using var client = await ConnectWhenFreeAsync();
        Assert.Null(await client.Grains.GetGrain<ITopicGrain>("metrics/none").GetAsync());
    }

    [Fact]
    public async Task A_connection_that_sends_nothing_is_closed_after_the_handshake_timeout()
    {
        var port = int.Parse(_silo.Gateway.Split(':')[1], CultureInfo.InvariantCulture);
        using var silent = new TcpClient();
        await silent.ConnectAsync(IPAddress.Loopback, port);
        Assert.True(await ClosedWithinAsync(silent, TimeSpan.FromSeconds(30)), "a silent connection stayed open");
    }

    private async Task<BrokerConnection> ConnectWhenFreeAsync()
    {
        // Closed sockets leave the silo's count as its side sees the close: bounded retries until it has.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await BrokerConnection.ConnectAsync([_silo.Gateway], TimeSpan.FromSeconds(10));
            }
            catch (AkLightException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>True when the peer closes the connection (a read returns 0 or fails) within <paramref name="limit"/>.</summary>
    private static async Task<bool> ClosedWithinAsync(TcpClient socket, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            var buffer = new byte[64];
            while (true)
                if (await socket.GetStream().ReadAsync(buffer, timeout.Token) == 0) return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
