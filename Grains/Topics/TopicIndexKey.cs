namespace AkLight.Grains.Topics;

/// <summary>
/// The key of a first level's <see cref="ITopicIndexGrain"/>. A topic's first level may be empty (<c>/TopicA</c>,
/// MQTT §4.7.1), but a grain key may not, so the empty level's index has a key of its own, <see cref="EmptyLevel"/>:
/// "+" can never be a level of a topic name, so it names no other level, and it is not the root's "#".
/// </summary>
public static class TopicIndexKey
{
    /// <summary>The key of the index of the empty first level.</summary>
    public const string EmptyLevel = "+";

    /// <summary>The key of the index of first level <paramref name="level"/>.</summary>
    public static string Of(string level) => level.Length == 0 ? EmptyLevel : level;

    /// <summary>The first level indexed by the (non-root) index <paramref name="key"/>.</summary>
    public static string LevelOf(string key) => key == EmptyLevel ? "" : key;

    /// <summary>The index of first level <paramref name="level"/>.</summary>
    public static ITopicIndexGrain IndexOf(this IGrainFactory grains, string level) => grains.GetGrain<ITopicIndexGrain>(Of(level));
}
