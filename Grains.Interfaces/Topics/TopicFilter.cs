using System.Diagnostics.CodeAnalysis;

namespace AkLight;

/// <summary>
/// A subscription filter over topic names, with MQTT wildcards: <c>+</c> matches exactly one level,
/// <c>#</c> (only as the whole last level) matches the parent level and any number of levels below it.
/// A filter starting with a wildcard does not match names starting with <c>$</c> (MQTT §4.7.2).
/// </summary>
[GenerateSerializer, Immutable, Alias("AkLight.TopicFilter")]
public sealed class TopicFilter : IEquatable<TopicFilter>
{
    [Id(0)] private readonly string _value;
    [Id(1)] private readonly string[] _levels;

    private TopicFilter(string value)
    {
        _value = value;
        _levels = value.Split(TopicLevels.Separator);
    }

    /// <summary>The filter as written.</summary>
    public string Value => _value;

    /// <summary>True when the filter has a <c>+</c> or <c>#</c> level.</summary>
    public bool HasWildcards => _levels.Any(l => l is "+" or "#");

    /// <summary>
    /// The first level when it is literal (every matching topic shares it), or null when the filter
    /// starts with a wildcard and so may match topics under any first level.
    /// </summary>
    public string? LiteralFirstLevel => _levels[0] is "+" or "#" ? null : _levels[0];

    /// <summary>Parses a filter or throws <see cref="ArgumentException"/> naming the problem.</summary>
    public static TopicFilter Parse(string? value) =>
        TryParse(value, out var filter, out var error) ? filter : throw new ArgumentException(error, nameof(value));

    /// <summary>Parses a filter; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out TopicFilter? filter, [NotNullWhen(false)] out string? error)
    {
        filter = null;
        error = Validate(value);
        if (error is not null) return false;
        filter = new TopicFilter(value!);
        return true;
    }

    /// <summary>Returns why <paramref name="value"/> is not a valid filter, or null when it is.</summary>
    public static string? Validate(string? value)
    {
        var error = TopicLevels.CheckText(value, "topic filter");
        if (error is not null) return error;
        var levels = value!.Split(TopicLevels.Separator);
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level == "#")
            {
                if (i != levels.Length - 1)
                    return $"topic filter '{TopicLevels.Printable(value)}' has '#' at level {i + 1}; '#' is only allowed as the last level";
                continue;
            }
            if (level == "+") continue;
            if (level.Contains('#'))
                return $"topic filter '{TopicLevels.Printable(value)}' has '#' inside level {i + 1} ('{TopicLevels.Printable(level)}'); '#' must be a whole level on its own";
            if (level.Contains('+'))
                return $"topic filter '{TopicLevels.Printable(value)}' has '+' inside level {i + 1} ('{TopicLevels.Printable(level)}'); '+' must be a whole level on its own";
        }
        return null;
    }

    /// <summary>True when <paramref name="topic"/> is matched by this filter.</summary>
    public bool Matches(TopicName topic) => Matches(topic.Value);

    /// <summary>True when the (already valid) topic name <paramref name="topic"/> is matched by this filter.</summary>
    public bool Matches(string topic)
    {
        if (topic.StartsWith('$') && _levels[0] is "+" or "#") return false;
        var position = 0;
        for (var i = 0; i < _levels.Length; i++)
        {
            var level = _levels[i];
            if (level == "#") return true; // also matches the parent: "a/#" matches "a"
            if (position > topic.Length) return false; // the topic has fewer levels than the filter
            var slash = topic.IndexOf(TopicLevels.Separator, position);
            var end = slash < 0 ? topic.Length : slash;
            if (level != "+" && !topic.AsSpan(position, end - position).SequenceEqual(level)) return false;
            position = end + 1;
        }
        return position > topic.Length; // every topic level was consumed
    }

    /// <summary>
    /// True when every topic <paramref name="other"/> can match is also matched by this filter, so a principal
    /// allowed this filter may subscribe with <paramref name="other"/>: <c>metrics/#</c> covers
    /// <c>metrics/+/cpu</c> and <c>metrics</c>, but not <c>#</c>; <c>#</c> does not cover <c>$SYS/#</c>.
    /// </summary>
    public bool Covers(TopicFilter other)
    {
        var mine = _levels;
        var theirs = other._levels;
        // MQTT's '$' rule: a leading wildcard of ours never reaches '$' topics, which a literal '$' level of theirs names.
        if (mine[0] is "+" or "#" && theirs[0].StartsWith('$')) return false;
        for (var i = 0; i < theirs.Length; i++)
        {
            if (i < mine.Length && mine[i] == "#") return true;
            if (i >= mine.Length) return false; // theirs reaches deeper than ours
            if (theirs[i] == "#") return false; // ours has no '#' here, so it stops short of some of theirs
            if (theirs[i] == "+" ? mine[i] != "+" : mine[i] != "+" && mine[i] != theirs[i]) return false;
        }
        // Every level of theirs is covered; ours may only go on with a '#' that also matches its parent.
        return mine.Length == theirs.Length || (mine.Length == theirs.Length + 1 && mine[^1] == "#");
    }

    public bool Equals(TopicFilter? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as TopicFilter);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    public override string ToString() => _value;
}
