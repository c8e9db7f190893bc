namespace AkLight.Grains.Topics;

/// <summary>
/// A topic's settings. They live in the topic catalog (not grain state) so indexes can list topics
/// and partitions can find their store id.
/// </summary>
public sealed class TopicGrain(ITopicCatalog catalog, TopicDefaults defaults, TopicLimits limits, TimeProvider time) : Grain, ITopicGrain, ITopicScoped
{
    /// <inheritdoc />
    public string ScopedTopic => Topic.Value;

    private TopicName Topic { get; set; } = null!;
    private TopicInfo? _info;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A grain key that is not a valid topic name fails activation with the parse error, which the caller sees.
        Topic = TopicName.Parse(this.GetPrimaryKeyString());
        _info = (await catalog.GetTopicAsync(Topic.Value, cancellationToken))?.Info;
    }

    public Task<TopicInfo?> GetAsync() => Task.FromResult(_info);

    public Task<TopicInfo> GetOrCreateAsync() =>
        _info is not null ? Task.FromResult(_info) : CreateCoreAsync(defaults.For(Topic));

    public async Task<TopicInfo> CreateAsync(TopicSettings settings)
    {
        settings.Validate();
        var info = _info ?? await CreateCoreAsync(settings);
        if (info.Partitions != settings.Partitions)
            throw new AkLightException($"topic '{Topic}' already exists with {info.Partitions} partitions; a topic's partition count cannot change (asked for {settings.Partitions})");
        if (info.Compact != settings.Compact)
            throw new AkLightException($"topic '{Topic}' already exists {(info.Compact ? "with" : "without")} compaction; that is fixed when a topic is created");
        return info.Retention == settings.Retention ? info : await SetRetentionAsync(settings.Retention);
    }

    public async Task<TopicInfo> SetRetentionAsync(TimeSpan retention)
    {
        var info = _info ?? throw new UnknownTopicException(Topic.Value);
        var settings = (info with { Retention = retention }).Settings;
        settings.Validate();
        limits.CheckRetention(settings);
        await catalog.UpdateRetentionAsync(Topic.Value, retention);
        _info = info with { Retention = retention };
        return _info;
    }

    public async Task DeleteAsync()
    {
        var info = _info ?? throw new UnknownTopicException(Topic.Value);
        var stored = await catalog.GetTopicAsync(Topic.Value) ?? throw new UnknownTopicException(Topic.Value);
        // The rows go first, so a partition activated from now on finds no topic. Live partition activations
        // are told next; they finish the write in flight, whose rows the second delete then removes.
        await catalog.DeleteTopicAsync(stored);
        _info = null;
        await Task.WhenAll(Enumerable.Range(0, info.Partitions)
            .Select(p => GrainFactory.GetPartitionGrain(new TopicPartition(Topic.Value, p)).ForgetAsync()));
        await catalog.DeleteTopicAsync(stored);
        await GrainFactory.IndexOf(Topic.FirstLevel).RemoveAsync(Topic.Value);
    }

    private async Task<TopicInfo> CreateCoreAsync(TopicSettings settings)
    {
        settings.Validate();
        // Without principals everyone is anonymous, and the per-principal count means nothing.
        var creator = CallerIdentity.Name is { } name && name != Principal.Anonymous.Name ? name : null;
        await limits.CheckAsync(settings, creator);
        var stored = await catalog.CreateTopicAsync(Topic, settings, time.GetUtcNow(), creator);
        limits.Created();
        _info = stored.Info;
        // After the catalog row is written: an index that activates later reads it from the catalog anyway.
        await GrainFactory.IndexOf(Topic.FirstLevel).AddAsync(Topic.Value);
        return _info;
    }
}
