using Docker.DotNet;

namespace AkLight.Producer.Metrics.Docker;

/// <summary>Opens the Docker Engine API on its Unix socket, and checks that the engine answers.</summary>
internal static class DockerConnector
{
    /// <summary>The socket the Docker Engine listens on by default.</summary>
    public const string DefaultSocket = "/var/run/docker.sock";

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A client for the engine at <paramref name="socketPath"/>, not yet checked.</summary>
    public static DockerClient Open(string socketPath) => new DockerClientConfiguration(new Uri("unix://" + socketPath)).CreateClient();

    /// <summary>A client for the engine at <paramref name="socketPath"/>, or null and why not when it does not answer.</summary>
    public static async Task<(DockerClient? Client, string? Problem)> TryConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath)) return (null, $"no Docker socket at {socketPath}");
        var client = Open(socketPath);
        try
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(PingTimeout);
            await client.System.PingAsync(timer.Token).ConfigureAwait(false);
            return (client, null);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            var reason = error is OperationCanceledException ? $"no answer within {PingTimeout.TotalSeconds:0} s" : error.Message;
            return (null, $"the Docker Engine at {socketPath} does not answer: {reason}");
        }
    }
}
