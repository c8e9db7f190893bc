using System.Collections;
using System.Globalization;
using System.Reflection;

namespace AkLight.Grains.Options;

/// <summary>
/// Options as one line of <c>Key=value</c> pairs, for logs and <c>ToString</c>: properties marked
/// <see cref="SecretAttribute"/> show only whether they are set, so options can be logged whole.
/// </summary>
public static class OptionsText
{
    public const string Redacted = "(set, not shown)";

    public static string Describe(object options) =>
        string.Join(", ", options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => $"{p.Name}={Value(p, p.GetValue(options))}"));

    private static string Value(PropertyInfo property, object? value)
    {
        if (property.GetCustomAttribute<SecretAttribute>() is not null)
            return value is null || value is string { Length: 0 } ? "(not set)" : Redacted;
        return value switch
        {
            null => "(null)",
            string text => text,
            IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(i => i?.ToString())) + "]",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
