using Npgsql;

namespace AkLight.Storage.Postgres;

/// <summary>
/// Where the cluster store lives: a PostgreSQL connection string, bound from <c>AkLight:Postgres</c>
/// (key <c>ConnectionString</c>; the silo also takes it from the environment variable <c>AKLIGHT_POSTGRES</c>).
/// The connection string holds a password: <see cref="ToString"/> and <see cref="Describe()"/> never show it.
/// </summary>
public sealed class PostgresStoreOptions
{
    public const string Section = "AkLight:Postgres";

    /// <summary>The Npgsql connection string (<c>Host=...;Port=...;Database=...;Username=...;Password=...</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>True when a connection string is set: the silo then runs in cluster mode.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>The server, database and user, for logs and error messages; never the password.</summary>
    public string Describe() => Describe(ConnectionString);

    /// <inheritdoc cref="Describe()"/>
    public static string Describe(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return "PostgreSQL (not configured)";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL at {Endpoint(builder)}, database '{builder.Database}', user '{builder.Username}'";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (connection string not valid)";
        }
    }

    /// <summary><c>host:port</c> of the server (hosts joined by commas for a multi-host connection string).</summary>
    internal static string Endpoint(NpgsqlConnectionStringBuilder builder) =>
        builder.Host is { } host && host.Contains(',') ? host : $"{builder.Host}:{builder.Port}";

    /// <summary>Redacted: never the password.</summary>
    public override string ToString() => Describe();
}
