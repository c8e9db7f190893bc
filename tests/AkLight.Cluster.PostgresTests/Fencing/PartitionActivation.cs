using AkLight.Cluster.PostgresTests.Storage;
using AkLight.Grains.Partitions;
using AkLight.Grains.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkLight.Cluster.PostgresTests.Fencing;

/// <summary>
/// One activation of a partition as a silo holds it: a connection pool and append queue of its own (as each silo has),
/// the partition's real append path (<see cref="PartitionWriter"/>), started from what the store holds when it
/// activates, and run one turn at a time on a scheduler of its own, as a grain's calls are.
/// </summary>
internal sealed class PartitionActivation : IAsyncDisposable
{
    private readonly TaskScheduler _turns = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStoreParts _store;
    private readonly PartitionWriter _writer;

    private PartitionActivation(string connectionString, TopicPartition partition, long topicId)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _store = new PostgresStoreParts(_dataSource);
        _writer = new PartitionWriter(partition, topicId, _store.Log, TimeProvider.System, new PartitionMeters(), NullLogger.Instance,
            new PartitionWriter.Listener(Committed: (_, _) => { }, Reloaded: () => { }, Fenced: fence => Deactivating = fence));
    }

    /// <summary>Set when the store refused this activation's append: the grain deactivates on it.</summary>
    public StaleWriterException? Deactivating { get; private set; }

    /// <summary>The log end this activation gives out offsets from.</summary>
    public long EndOffset => _writer.Bounds.EndOffset;

    /// <summary>Activates over <paramref name="connectionString"/>'s database: loads the partition as the grain does.</summary>
    public static async Task<PartitionActivation> StartAsync(string connectionString, TopicPartition partition, long topicId)
    {
        var activation = new PartitionActivation(connectionString, partition, topicId);
        var start = await activation._store.Log.LoadPartitionAsync(topicId, partition.Partition, ProducerSequences.DefaultCapacity);
        await activation.OnTurnAsync(() => { activation._writer.Start(start); return Task.FromResult(0L); });
        return activation;
    }

    /// <summary>A producer's append, as the grain takes it: the base offset once acknowledged.</summary>
    public Task<long> AppendAsync(ProduceBatch batch) => OnTurnAsync(() => _writer.AppendAsync(batch, out _));

    private Task<long> OnTurnAsync(Func<Task<long>> call) =>
        Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.None, _turns).Unwrap();

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
