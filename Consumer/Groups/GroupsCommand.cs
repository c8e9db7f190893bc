namespace AkLight.Consumer.Groups;

/// <summary>
/// <c>groups</c>: lists the consumer groups (or one) with their members and, per partition, owner, committed
/// offset, log end offset and lag, as <c>kafka-consumer-groups --describe</c> does.
/// </summary>
internal static class GroupsCommand
{
    public static async Task<int> RunAsync(GroupsOptions options, TextWriter output, CancellationToken shutdown)
    {
        await using var connection = await BrokerConnector.ConnectAsync(options.Brokers, shutdown).ConfigureAwait(false);
        var known = await connection.Grains.GetGrain<IGroupDirectoryGrain>(IGroupDirectoryGrain.Key).ListAsync().WaitAsync(shutdown).ConfigureAwait(false);
        IReadOnlyList<string> names = known;
        if (options.Group is { } wanted)
        {
            // Describing an unknown name would create an empty group grain and show it as if it existed.
            if (!known.Contains(wanted, StringComparer.Ordinal)) throw new UsageException($"consumer group '{wanted}' does not exist");
            names = [wanted];
        }
        var groups = await Task.WhenAll(names.Select(name => connection.Grains.GetGrain<IConsumerGroupGrain>(name).DescribeAsync()))
            .WaitAsync(shutdown).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        if (options.Json) GroupsJsonWriter.Write(output, groups);
        else GroupsTableWriter.Write(output, groups, now);
        await output.FlushAsync(shutdown).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
