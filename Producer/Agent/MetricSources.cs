using AkLight.Producer.Metrics;
using AkLight.Producer.Metrics.Docker;
using AkLight.Producer.Metrics.Host;

namespace AkLight.Producer.Agent;

/// <summary>Picks what the agent samples: Docker's containers when its socket answers and Docker is not off, else this host.</summary>
internal static class MetricSources
{
    /// <summary>Time for one Docker sample beyond the interval: the engine alone takes about a second per stats call.</summary>
    private static readonly TimeSpan DockerSlack = TimeSpan.FromSeconds(10);

    public static async Task<IMetricSource> CreateAsync(AgentOptions options, AgentStatus status, CancellationToken cancellationToken)
    {
        if (options.Docker == DockerMode.Auto)
        {
            var (client, problem) = await DockerConnector.TryConnectAsync(options.DockerSocket, cancellationToken).ConfigureAwait(false);
            if (client is not null) return new DockerMetricSource(client, options.DockerSocket, options.Interval + DockerSlack, status.Warning);
            status.Warning($"{problem}; sampling this host instead");
        }
        return new HostMetricSource(options.Host, options.DiskPath, HostPaths.Default, status.Warning);
    }
}
