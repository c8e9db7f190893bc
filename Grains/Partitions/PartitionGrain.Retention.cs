using Microsoft.Extensions.Logging;

namespace AkLight.Grains.Partitions;

/// <summary>A partition's retention: its reminder, and the deletion or compaction of what is older than the topic keeps.</summary>
public sealed partial class PartitionGrain
{
    /// <summary>
    /// Registers the retention reminder beside the first calls rather than before them: it is a store write of its own,
    /// and a fleet starting at once activates thousands of partitions whose first messages should not wait for it.
    /// A failed registration is logged and tried again by the next activation.
    /// </summary>
    private async Task RegisterRetentionAsync(StoredTopic topic)
    {
        try
        {
            var period = RetentionSchedule.CheckPeriod(topic.Info.Retention, _options.MinRetentionCheck, _options.MaxRetentionCheck);
            await this.RegisterOrUpdateReminder(RetentionReminder, period, period);
        }
        catch (Exception error)
        {
            LogRetentionNotScheduled(logger, error, _partition.ToString(), error.Message);
        }
    }

    public async Task<LogBounds> EnforceRetentionAsync()
    {
        await RequireTopicAsync();
        // Retention may have been changed on the topic since this activation: read it afresh.
        _topic = await catalog.GetTopicAsync(_partition.Topic) ?? _topic;
        var cutoff = RetentionSchedule.Cutoff(time.GetUtcNow(), _topic!.Info.Retention);
        await log.TrimProducersAsync(_topic.Id, _partition.Partition, ProducerSequences.DefaultCapacity);
        if (_topic.Info.Compact)
        {
            var compacted = await log.CompactBeforeAsync(_topic.Id, _partition.Partition, cutoff.ToUnixTimeMilliseconds());
            // Compaction punches holes anywhere before the cutoff: the tail may hold removed messages.
            _tail.Clear();
            Bounds = Bounds with { StartOffset = Math.Min(Math.Max(compacted.StartOffset, Bounds.StartOffset), Bounds.EndOffset) };
            return Bounds;
        }
        var bounds = await log.DeleteBeforeAsync(_topic.Id, _partition.Partition, cutoff.ToUnixTimeMilliseconds());
        if (bounds.StartOffset > Bounds.StartOffset)
        {
            _meters.RetentionDeleted(Math.Min(bounds.StartOffset, Bounds.EndOffset) - Bounds.StartOffset);
            Bounds = Bounds with { StartOffset = Math.Min(bounds.StartOffset, Bounds.EndOffset) };
            _tail.TrimBefore(Bounds.StartOffset);
            LogRetention(logger, _partition.ToString(), Bounds.StartOffset);
        }
        return Bounds;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RetentionReminder || _topic is null || _forgotten) return;
        await EnforceRetentionAsync();
        var period = RetentionSchedule.CheckPeriod(_topic.Info.Retention, _options.MinRetentionCheck, _options.MaxRetentionCheck);
        if (period != status.Period) await this.RegisterOrUpdateReminder(RetentionReminder, period, period);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule retention for {Partition}; its next activation tries again: {Reason}")]
    private static partial void LogRetentionNotScheduled(ILogger logger, Exception error, string partition, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention moved the log start of {Partition} to {StartOffset}")]
    private static partial void LogRetention(ILogger logger, string partition, long startOffset);
}
