using System.Net;
using System.Net.Sockets;
using static AkLight.Pipeline.ProcessTests.Infrastructure.ComposeFile;

namespace AkLight.Pipeline.ProcessTests;

/// <summary>The silo image's health check script, run against real sockets: a listening HTTP port or gateway passes, a closed one fails.</summary>
public sealed class SiloHealthCheckTests
{
    [Fact]
    public async Task The_silo_health_check_passes_on_any_HTTP_answer_and_fails_on_a_closed_port()
    {
        var closed = FreePorts.Pick();

        // The default: the HTTP listener (dashboard, API, console) must answer; a redirect or a 404 is an answer.
        var (healthy, request) = await HealthCheckAgainstHttpAsync(port => new() { ["AkLight__Dashboard__Port"] = port });
        Assert.True(healthy.ExitCode == 0, $"HTTP listener answering: {healthy}");
        Assert.StartsWith("GET / HTTP/1.0", request, StringComparison.Ordinal);
        var down = await HealthCheckAsync(new() { ["AkLight__Dashboard__Port"] = closed.ToString() });
        Assert.True(down.ExitCode != 0, $"nothing listening on {closed}, yet: {down}");

        // The API alone keeps the HTTP listener, so that is still what is checked.
        var (apiOnly, _) = await HealthCheckAgainstHttpAsync(port => new()
        {
            ["AkLight__Dashboard__Enabled"] = "false",
            ["AkLight__Http__Enabled"] = "True",
            ["AkLight__Dashboard__Port"] = port,
            ["AkLight__Silo__GatewayPort"] = closed.ToString(),
        });
        Assert.True(apiOnly.ExitCode == 0, $"API without dashboard, HTTP answering: {apiOnly}");

        // No HTTP listener at all: the gateway port is what is checked.
        using var gateway = new TcpListener(IPAddress.Loopback, 0);
        gateway.Start();
        var gatewayPort = ((IPEndPoint)gateway.LocalEndpoint).Port.ToString();
        var gatewayUp = await HealthCheckAsync(new() { ["AkLight__Dashboard__Enabled"] = "False", ["AkLight__Silo__GatewayPort"] = gatewayPort });
        Assert.True(gatewayUp.ExitCode == 0, $"gateway listening on {gatewayPort}: {gatewayUp}");
        var gatewayDown = await HealthCheckAsync(new() { ["AkLight__Dashboard__Enabled"] = "false", ["AkLight__Silo__GatewayPort"] = closed.ToString() });
        Assert.True(gatewayDown.ExitCode != 0, $"no gateway on {closed}, yet: {gatewayDown}");
    }

    private static Task<ToolResult> HealthCheckAsync(Dictionary<string, string> environment)
    {
        var script = Path.Combine(Root, "deploy", "silo-healthcheck.sh");
        Assert.True(File.Exists(script), $"{script} is missing");
        return RunAsync(["bash", script], [], environment);
    }

    /// <summary>Runs the health check against a listener that answers one request with a 404.</summary>
    private static async Task<(ToolResult Result, string Request)> HealthCheckAgainstHttpAsync(Func<string, Dictionary<string, string>> environment)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = AnswerOnceAsync(listener, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var result = await HealthCheckAsync(environment(port.ToString()));
        // Healthy means it read the answer, so the request is in; unhealthy, the server may still be waiting.
        var request = result.ExitCode == 0 ? await server.WaitAsync(TimeSpan.FromSeconds(5)) : "";
        return (result, request);
    }

    private static async Task<string> AnswerOnceAsync(TcpListener listener, string response)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = await listener.AcceptTcpClientAsync(timeout.Token);
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
        return request.ToString();
    }
}
