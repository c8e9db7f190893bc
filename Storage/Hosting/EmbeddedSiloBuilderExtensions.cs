using AkLight.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace AkLight.Storage.Hosting;

/// <summary>Wires the embedded store into a silo: the single-machine mode, with no database server.</summary>
public static class EmbeddedSiloBuilderExtensions
{
    /// <summary>
    /// Messages, topics, committed offsets, session state and reminders in one SQLite file under
    /// <see cref="StorageOptions.DataDirectory"/>. Use instead of <see cref="PostgresSiloBuilderExtensions.AddPostgresStore"/>.
    /// </summary>
    public static ISiloBuilder AddEmbeddedStore(this ISiloBuilder silo, StorageOptions storage)
    {
        silo.Services.AddSingleton(_ => new SqliteDatabase(storage.DatabasePath));
        silo.Services.AddSingleton<ITopicCatalog, SqliteTopicCatalog>();
        silo.Services.AddSingleton<IMessageLog, SqliteMessageLog>();
        silo.Services.AddSingleton<IOffsetCommitStore, SqliteOffsetCommitStore>();
        silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        silo.Services.AddGrainStorage(StorageNames.Sessions, (sp, _) =>
            new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<IGrainStorageSerializer>()));
        return silo;
    }
}
