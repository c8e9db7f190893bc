using AkLight.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AkLight.Storage.Hosting;

/// <summary>Wires the PostgreSQL store into a silo: the cluster mode, where several silos share one database.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql, as the Orleans ADO.NET providers name it.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>Connections per pool when the connection string does not set <c>Maximum Pool Size</c>.</summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>Statements prepared per connection when the connection string does not set <c>Max Auto Prepare</c>.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    private static bool SetsPoolSize(string connectionString) => Sets(connectionString, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize");

    private static bool Sets(string connectionString, params string[] names)
    {
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return names.Any(keys.ContainsKey);
    }

    /// <summary>
    /// Messages, topics and committed offsets (<see cref="PostgresMessageLog"/>, <see cref="PostgresTopicCatalog"/>,
    /// <see cref="PostgresOffsetCommitStore"/>), cluster membership, session state (<see cref="StorageNames.Sessions"/>)
    /// and reminders, all in the PostgreSQL database of <paramref name="connectionString"/>. The database must hold the schema of sql/*.sql (sql/apply.sh).
    /// Use instead of <see cref="EmbeddedSiloBuilderExtensions.AddEmbeddedStore"/>.
    /// </summary>
    public static ISiloBuilder AddPostgresStore(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Named connections in pg_stat_activity, unless the operator chose a name.
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "aklight";
        // A silo holds two pools (the message log's data source, and the Orleans providers'). Npgsql's default
        // of 100 each let two silos under a burst of topic creations exceed PostgreSQL's max_connections;
        // DefaultMaxPoolSize keeps two silos within the server's default of 100.
        if (!SetsPoolSize(connectionString)) builder.MaxPoolSize = DefaultMaxPoolSize;
        // The same few statements run thousands of times a second (the group commit's lock, insert and update):
        // prepared once per connection, PostgreSQL stops parsing and planning them every time.
        if (!Sets(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        var cs = builder.ConnectionString;

        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(cs));
        silo.Services.AddSingleton<PostgresFailures>();
        silo.Services.AddSingleton<PostgresAppendQueue>();
        silo.Services.AddSingleton<ITopicCatalog, PostgresTopicCatalog>();
        silo.Services.AddSingleton<IMessageLog, PostgresMessageLog>();
        silo.Services.AddSingleton<IOffsetCommitStore, PostgresOffsetCommitStore>();
        // A database written by a version with one row per message is moved into batches before the silo serves.
        silo.Services.AddSingleton<PostgresLegacyMessages>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<PostgresLegacyMessages>());
        // Every silo of the cluster must stamp its calls with the same secret: the database holds it.
        silo.Services.AddSingleton(sp => PostgresInternalSecret.Load(sp.GetRequiredService<NpgsqlDataSource>()));

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = cs;
        });
        silo.AddAdoNetGrainStorage(StorageNames.Sessions, o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = cs;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = cs;
        });
        return silo;
    }
}
