namespace AkLight.Producer.Metrics.Docker;

/// <summary>One container as listed: its id and its name.</summary>
internal readonly record struct ContainerIdentity(string Id, string Name);

/// <summary>
/// Remembers which containers were running at the previous sample, to tell which ones have stopped since
/// (gone from the list, or no longer running) so each can be announced once.
/// </summary>
internal sealed class ContainerTracker
{
    private Dictionary<string, ContainerIdentity> _running = new(StringComparer.Ordinal);

    /// <summary>Records the containers running now; returns those that were running last time and are not now.</summary>
    public IReadOnlyList<ContainerIdentity> Update(IEnumerable<ContainerIdentity> runningNow)
    {
        var current = new Dictionary<string, ContainerIdentity>(StringComparer.Ordinal);
        foreach (var container in runningNow) current[container.Id] = container;
        var stopped = _running.Values.Where(c => !current.ContainsKey(c.Id)).ToArray();
        _running = current;
        return stopped;
    }
}
