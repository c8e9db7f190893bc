using AkLight.Grains.Storage;
using AkLight.Grains.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AkLight.Grains.Hosting;

/// <summary>Wires the PostgreSQL store into a silo: the cluster mode, where several silos share one database.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql, as the Orleans ADO.NET providers name it.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Messages and topics (<see cref="PostgresMessageLog"/>, <see cref="PostgresTopicCatalog"/>), cluster membership,
    /// session state (<see cref="StorageNames.Sessions"/>) and reminders, all in the PostgreSQL database of
    /// <paramref name="connectionString"/>. The database must hold the schema of sql/*.sql (sql/apply.sh).
    /// Use instead of <see cref="SiloBuilderExtensions.AddEmbeddedStore"/>.
    /// </summary>
    public static ISiloBuilder AddPostgresStore(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Named connections in pg_stat_activity, unless the operator chose a name.
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "aklight";
        var cs = builder.ConnectionString;

        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(cs));
        silo.Services.AddSingleton<ITopicCatalog, PostgresTopicCatalog>();
        silo.Services.AddSingleton<IMessageLog, PostgresMessageLog>();

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
