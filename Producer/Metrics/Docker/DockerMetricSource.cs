using AkLight.Monitoring.Metrics;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace AkLight.Producer.Metrics.Docker;

/// <summary>
/// Every running container of a Docker Engine, through its API: the figures of <c>docker stats</c> plus
/// restart count and health from <c>docker inspect</c>. A paused or restarting container gets only its state;
/// one that stopped since the previous sample is reported once more, as <c>stopped</c>.
/// </summary>
internal sealed class DockerMetricSource(DockerClient client, string socketPath, TimeSpan timeout, Action<string> warn) : IMetricSource
{
    private readonly ContainerTracker _tracker = new();
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public string Description => $"running containers of the Docker Engine at {socketPath}";

    /// <summary>Nothing to prime: each stats document carries the previous reading too (<c>precpu_stats</c>).</summary>
    public Task PrimeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IReadOnlyList<SourceSample>> SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        // Without All, the engine lists the containers that are up: running, paused or restarting.
        var listed = await client.Containers.ListContainersAsync(new ContainersListParameters { All = false }, timer.Token).ConfigureAwait(false);
        var up = listed.Select(c => (Container: new ContainerIdentity(c.ID, ContainerName(c)), c.State)).ToArray();
        // One container at a time would take the engine's ~1 s stats wait times the number of containers.
        var results = await Task.WhenAll(up.Select(c => string.Equals(c.State, MetricNames.RunningState, StringComparison.OrdinalIgnoreCase)
            ? SampleRunningAsync(c.Container, timer.Token)
            : Task.FromResult(new Result(new SourceSample(c.Container.Name, c.Container.Id, [], c.State ?? "unknown", Health: null), Gone: false)))).ConfigureAwait(false);

        var samples = new List<SourceSample>(up.Length);
        var stillUp = new List<ContainerIdentity>(up.Length);
        for (var i = 0; i < up.Length; i++)
        {
            if (results[i].Sample is { } sample) samples.Add(sample);
            if (!results[i].Gone) stillUp.Add(up[i].Container); // unreadable this time is not stopped
        }
        foreach (var stopped in _tracker.Update(stillUp))
            samples.Add(new SourceSample(stopped.Name, stopped.Id, [], MetricNames.StoppedState, Health: null));
        return samples;
    }

    /// <summary>A running container's figures; Gone when it stopped or was removed since it was listed.</summary>
    private async Task<Result> SampleRunningAsync(ContainerIdentity container, CancellationToken cancellationToken)
    {
        try
        {
            var statsTask = ReadStatsAsync(container.Id, cancellationToken);
            var inspectTask = client.Containers.InspectContainerAsync(container.Id, cancellationToken);
            await Task.WhenAll(statsTask, inspectTask).ConfigureAwait(false);
            var inspect = await inspectTask.ConfigureAwait(false);
            if (inspect.State is { Running: false }) return new Result(null, Gone: true);
            var stats = DockerStatsMapper.From(await statsTask.ConfigureAwait(false));
            MetricValue[] values =
            [
                new(MetricNames.Cpu, DockerStatsCalculator.CpuPercent(stats), MetricNames.Percent),
                new(MetricNames.Memory, DockerStatsCalculator.MemoryUsedBytes(stats), MetricNames.Bytes),
                new(MetricNames.MemoryLimit, stats.MemoryLimit, MetricNames.Bytes),
                new(MetricNames.MemoryPercent, DockerStatsCalculator.MemoryPercent(stats), MetricNames.Percent),
                new(MetricNames.NetRx, stats.NetworkRxBytes, MetricNames.Bytes),
                new(MetricNames.NetTx, stats.NetworkTxBytes, MetricNames.Bytes),
                new(MetricNames.BlockRead, stats.BlockReadBytes, MetricNames.Bytes),
                new(MetricNames.BlockWrite, stats.BlockWriteBytes, MetricNames.Bytes),
                new(MetricNames.Restarts, inspect.RestartCount, MetricNames.Count),
            ];
            lock (_unreadable) _unreadable.Remove(container.Id);
            return new Result(new SourceSample(container.Name, container.Id, values, inspect.State?.Status ?? MetricNames.RunningState, inspect.State?.Health?.Status), Gone: false);
        }
        catch (DockerContainerNotFoundException)
        {
            return new Result(null, Gone: true); // removed between the list and the stats call
        }
        catch (Exception error) when (error is DockerApiException or HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            bool first;
            lock (_unreadable) first = _unreadable.Add(container.Id);
            if (first) warn($"cannot read the stats of container {container.Name}: {error.Message}"); // once until it works again
            return new Result(null, Gone: false);
        }
    }

    /// <summary>One stats document (<c>stream=false</c>: the engine takes two readings about a second apart, so the CPU delta is filled in).</summary>
    private async Task<ContainerStatsResponse> ReadStatsAsync(string id, CancellationToken cancellationToken)
    {
        var received = new LastValue<ContainerStatsResponse>();
        await client.Containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = false }, received, cancellationToken).ConfigureAwait(false);
        return received.Value ?? throw new IOException($"the engine sent no stats for container {id}");
    }

    /// <summary>Docker names carry a leading '/'; the first name is the container's own (others are legacy links).</summary>
    private static string ContainerName(ContainerListResponse container) =>
        container.Names?.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))?.TrimStart('/') is { Length: > 0 } name ? name : container.ID[..Math.Min(12, container.ID.Length)];

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private readonly record struct Result(SourceSample? Sample, bool Gone);

    /// <summary>
    /// Keeps the value reported, synchronously: <see cref="Progress{T}"/> would report on the thread pool,
    /// possibly after the call has returned.
    /// </summary>
    private sealed class LastValue<T> : IProgress<T>
        where T : class
    {
        public T? Value { get; private set; }

        public void Report(T value) => Value = value;
    }
}
