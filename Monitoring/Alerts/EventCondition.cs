using System.Globalization;
using AkLight.Monitoring.Events;

namespace AkLight.Monitoring.Alerts;

/// <summary>
/// The condition of an event rule on one field of the event: <c>exitCode != 0</c>, <c>status == unhealthy</c>, or
/// any engine attribute (<c>signal == 9</c>). <c>==</c> and <c>!=</c> compare numbers as numbers and anything else as
/// text; <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c> and <c>&lt;=</c> compare numbers only. An event without the field never matches.
/// </summary>
public sealed record class EventCondition(string Field, string Operator, string Value)
{
    public const string StatusField = "status";
    public const string ExitCodeField = "exitCode";

    private static readonly string[] Operators = ["==", "!=", ">", ">=", "<", "<="];

    /// <summary>Checks the operator and value; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static EventCondition Create(string field, string op, string value)
    {
        if (!Operators.Contains(op, StringComparer.Ordinal))
            throw new FormatException($"'{op}' is not a comparison (==, !=, >, >=, <, <=)");
        if (op is not ("==" or "!=") && Number(value) is null)
            throw new FormatException($"'{op}' compares numbers, and '{value}' is not a number");
        return new EventCondition(field, op, value);
    }

    public bool Matches(ContainerEvent containerEvent)
    {
        if (FieldOf(containerEvent) is not { } actual) return false;
        if (Number(actual) is { } left && Number(Value) is { } right)
        {
            return Operator switch
            {
                "==" => left == right,
                "!=" => left != right,
                ">" => left > right,
                ">=" => left >= right,
                "<" => left < right,
                _ => left <= right,
            };
        }
        return Operator switch
        {
            "==" => string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase),
            "!=" => !string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase),
            _ => false, // an ordering of something that is not a number
        };
    }

    /// <summary>The field's value in <paramref name="containerEvent"/>, or null when it has none.</summary>
    public string? FieldOf(ContainerEvent containerEvent) => Field switch
    {
        StatusField => containerEvent.Status,
        ExitCodeField => containerEvent.ExitCode?.ToString(CultureInfo.InvariantCulture),
        _ => containerEvent.Attributes.TryGetValue(Field, out var value) ? value : null,
    };

    public override string ToString() => $"{Field} {Operator} {Value}";

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
}
