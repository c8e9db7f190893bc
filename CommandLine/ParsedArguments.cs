using System.Globalization;

namespace AkLight.CommandLine;

/// <summary>The options found on a command line, with typed accessors that fail as usage errors.</summary>
internal sealed class ParsedArguments(IReadOnlyDictionary<string, List<string>> values, IReadOnlySet<string> switches)
{
    /// <summary>True when the switch <c>--<paramref name="name"/></c> was given.</summary>
    public bool Has(string name) => switches.Contains(name);

    /// <summary>Every value given for a repeatable option, in order.</summary>
    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var list) ? list : [];

    /// <summary>The value of a single-valued option, or null when absent; given twice is a usage error.</summary>
    public string? Single(string name)
    {
        var list = All(name);
        return list.Count switch
        {
            0 => null,
            1 => list[0],
            _ => throw new UsageException($"option '--{name}' may be given only once"),
        };
    }

    /// <summary>The value of a required single-valued option.</summary>
    public string Required(string name) => Single(name) ?? throw new UsageException($"option '--{name}' is required");

    /// <summary>A positive whole number, or null when absent.</summary>
    public int? PositiveInt(string name)
    {
        var text = Single(name);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UsageException($"option '--{name}' needs a positive whole number, not '{text}'");
    }
}
