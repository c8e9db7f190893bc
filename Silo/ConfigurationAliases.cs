namespace AkLight.Silo;

/// <summary>
/// Short environment variables that stand for configuration keys, so options bind from one place: compose and
/// the docs set <c>AKLIGHT_POSTGRES</c> rather than <c>AkLight__Postgres__ConnectionString</c>. A key set in full wins.
/// </summary>
public static class ConfigurationAliases
{
    /// <summary>The variable that stands for <c>AkLight:Postgres:ConnectionString</c>.</summary>
    public const string Postgres = "AKLIGHT_POSTGRES";

    private const string PostgresKey = "AkLight:Postgres:ConnectionString";

    /// <summary>Adds the aliased keys that are set and not already configured in full.</summary>
    public static void Apply(IConfigurationManager configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration[PostgresKey])) return;
        // The host's environment-variable source holds it under its own name.
        if (configuration[Postgres] is { } alias && !string.IsNullOrWhiteSpace(alias))
            configuration.AddInMemoryCollection([new(PostgresKey, alias)]);
    }
}
