using Microsoft.Extensions.Logging;

namespace AkLight.Grains.Commits;

/// <summary>
/// Committed offsets left in a grain state blob by versions before <see cref="IOffsetCommitStore"/>, where every commit
/// rewrote them all. Carried over once, so a running deployment keeps its positions across the upgrade.
/// </summary>
internal static partial class LegacyCommits
{
    /// <summary>
    /// Moves <paramref name="legacy"/> (the blob's list) into <paramref name="commits"/> and saves them, then empties
    /// the list and writes the blob. Stopped between the two, the next activation moves the same offsets again.
    /// </summary>
    public static async Task MoveIntoStoreAsync<TState>(
        List<TopicPartitionOffset> legacy, CommittedOffsets commits, IPersistentState<TState> state, ILogger logger)
    {
        if (legacy.Count == 0) return;
        foreach (var commit in legacy) commits.Set(commit.TopicPartition, commit.Offset);
        await commits.SaveAsync();
        legacy.Clear();
        await state.WriteStateAsync();
        LogMoved(logger, commits.Owner.Key, commits.Offsets.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Owner}: moved {Count} committed offsets from its grain state (an earlier version's layout) into the offset store")]
    private static partial void LogMoved(ILogger logger, string owner, int count);
}
