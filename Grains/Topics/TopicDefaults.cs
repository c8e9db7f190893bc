namespace AkLight.Grains.Topics;

/// <summary>Settings for a topic created on first publish: the first matching per-filter rule, else the broker default.</summary>
public sealed class TopicDefaults(BrokerOptions options)
{
    private readonly (TopicFilter Filter, TopicSettings Settings)[] _rules = options.TopicDefaults
        .Select(r => (TopicFilter.Parse(r.Filter), new TopicSettings(r.Partitions, r.Retention, r.Compact)))
        .ToArray();

    private readonly TopicSettings _fallback = new(options.DefaultPartitions, options.DefaultRetention);

    public TopicSettings For(TopicName topic)
    {
        foreach (var (filter, settings) in _rules)
            if (filter.Matches(topic)) return settings;
        return _fallback;
    }
}
