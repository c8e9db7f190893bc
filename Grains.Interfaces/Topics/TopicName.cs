using System.Diagnostics.CodeAnalysis;

namespace AkLight;

/// <summary>
/// A topic name that messages are published to, such as <c>metrics/docker/host1/web-1/cpu</c>.
/// Follows MQTT §4.7: <c>/</c>-separated levels (empty levels are legal), no wildcard characters,
/// no U+0000, 1 to 65535 bytes of UTF-8.
/// </summary>
[GenerateSerializer, Immutable, Alias("AkLight.TopicName")]
public sealed class TopicName : IEquatable<TopicName>
{
    [Id(0)] private readonly string _value;

    private TopicName(string value) => _value = value;

    /// <summary>The name as published.</summary>
    public string Value => _value;

    /// <summary>The name's levels, split at <c>/</c>.</summary>
    public string[] Levels => _value.Split(TopicLevels.Separator);

    /// <summary>The first level: the part before the first <c>/</c> (may be empty).</summary>
    public string FirstLevel
    {
        get
        {
            var slash = _value.IndexOf(TopicLevels.Separator);
            return slash < 0 ? _value : _value[..slash];
        }
    }

    /// <summary>True for names starting with <c>$</c>, which a filter starting with a wildcard does not match.</summary>
    public bool IsSystem => _value.StartsWith('$');

    /// <summary>Parses a topic name or throws <see cref="ArgumentException"/> naming the problem.</summary>
    public static TopicName Parse(string? value) =>
        TryParse(value, out var name, out var error) ? name : throw new ArgumentException(error, nameof(value));

    /// <summary>Parses a topic name; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out TopicName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        error = Validate(value);
        if (error is not null) return false;
        name = new TopicName(value!);
        return true;
    }

    /// <summary>Returns why <paramref name="value"/> is not a valid topic name, or null when it is.</summary>
    public static string? Validate(string? value)
    {
        var error = TopicLevels.CheckText(value, "topic name");
        if (error is not null) return error;
        var wildcard = value!.IndexOfAny(['+', '#']);
        return wildcard < 0
            ? null
            : $"topic name '{TopicLevels.Printable(value)}' contains the wildcard '{value[wildcard]}' at position {wildcard}; wildcards are only allowed in subscription filters, never in a published topic";
    }

    public bool Equals(TopicName? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as TopicName);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    public override string ToString() => _value;

    public static implicit operator string(TopicName name) => name._value;
}
