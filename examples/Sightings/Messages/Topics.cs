namespace AkLight.Examples.Sightings.Messages;

/// <summary>The example's topics, and creating them before anyone reads or writes.</summary>
internal static class Topics
{
    /// <summary>Logins (JSON) and logoffs (tombstones), keyed by user.</summary>
    public const string Sessions = "users/sessions";

    /// <summary>
    /// Partitions of <see cref="Sessions"/>: at least as many as notifiers, so every notifier of the shared group
    /// gets a partition to read (a group hands each partition to one member).
    /// </summary>
    public const int SessionPartitions = 3;

    private const int SightingPartitions = 2;

    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    public static string Sightings(string region, string species) => $"sightings/{region}/{species}";

    /// <summary>Every sighting in one region, whatever the species.</summary>
    public static string RegionFilter(string region) => $"sightings/{region}/#";

    public const string AllSightings = "sightings/#";

    /// <summary>
    /// Creates every topic of the example that does not exist yet. Done up front by every role, because groups
    /// start new members at the end of the log ("latest"): a topic that appeared only with its first message
    /// would be taken up by a group a moment later, after messages the group would then never read.
    /// An existing topic is left as it is (a topic's partition count never changes).
    /// </summary>
    public static Task EnsureAsync(IGrainFactory grains)
    {
        var wanted = new List<(string Topic, int Partitions)> { (Sessions, SessionPartitions) };
        foreach (var region in Catalog.Regions)
            foreach (var species in Catalog.Species)
                wanted.Add((Sightings(region.Name, species), SightingPartitions));
        return Task.WhenAll(wanted.Select(w => EnsureAsync(grains.GetGrain<ITopicGrain>(w.Topic), w.Partitions)));
    }

    private static async Task EnsureAsync(ITopicGrain topic, int partitions)
    {
        // Another process may create it meanwhile: creating with the same settings is then a no-op.
        if (await topic.GetAsync().ConfigureAwait(false) is null)
            await topic.CreateAsync(new TopicSettings(partitions, Retention)).ConfigureAwait(false);
    }
}
