namespace AkLight.Producer.Metrics;

/// <summary>Where the agent's numbers come from: the Docker Engine API, or the agent's own host or container.</summary>
internal interface IMetricSource : IAsyncDisposable
{
    /// <summary>One line saying what is sampled, for the start-up message.</summary>
    string Description { get; }

    /// <summary>Takes the first readings that rates (CPU %) are computed against; called once before the first sample.</summary>
    Task PrimeAsync(CancellationToken cancellationToken);

    /// <summary>Samples every source once: running containers, and a final <c>stopped</c> sample for each one gone since last time.</summary>
    Task<IReadOnlyList<SourceSample>> SampleAsync(CancellationToken cancellationToken);
}
