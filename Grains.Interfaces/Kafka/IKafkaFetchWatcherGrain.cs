namespace AkLight;

/// <summary>
/// The Kafka door's partition watcher on one silo (keyed by the silo's address, placed on that silo): partitions
/// tell it of new data, and it wakes the door's long-poll fetches waiting there. Only the broker calls it.
/// </summary>
public interface IKafkaFetchWatcherGrain : IPartitionWatcher
{
    /// <summary>Activates the watcher; false when it runs on another silo than its key names (then it deactivates, to be placed again).</summary>
    [BrokerInternal]
    Task<bool> AttachAsync();
}
