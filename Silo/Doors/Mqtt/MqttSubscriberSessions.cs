namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// An MQTT client's subscriptions as its AKLight consumer session: one session per client, whose filters are the
/// client's topic filters. New subscriptions start at the live end (MQTT's rule) unless the client asked for a replay.
/// </summary>
internal sealed class MqttSubscriberSessions(ConsumerSessions sessions)
{
    /// <summary>Adds <paramref name="filter"/>; a filter the session reads already keeps its position.</summary>
    public Task AddAsync(MqttClientState client, string filter, StartPosition start) => ChangeAsync(client, async () =>
    {
        if (client.Filters.Contains(filter)) return;
        await OpenAsync(client, [.. client.Filters, filter], start);
    });

    /// <summary>Removes <paramref name="filter"/>; the session closes with its last filter.</summary>
    public Task RemoveAsync(MqttClientState client, string filter) => ChangeAsync(client, async () =>
    {
        if (!client.Filters.Contains(filter)) return;
        var rest = client.Filters.Where(f => f != filter).ToArray();
        if (rest.Length == 0) await CloseAsync(client);
        else await OpenAsync(client, rest, StartPosition.Latest);
    });

    /// <summary>
    /// At connect of a client with a persistent session that this silo does not hold: takes up the stored session
    /// (from its commits, wherever it was last served). Returns its filters, empty when there is none.
    /// </summary>
    public Task<IReadOnlyList<string>> ResumeAsync(MqttClientState client) => ChangeAsync<IReadOnlyList<string>>(client, async () =>
    {
        SessionInfo info;
        try
        {
            info = await sessions.DescribeAsync(client.Principal, client.SessionId);
        }
        catch (UnknownSessionException)
        {
            return [];
        }
        if (!info.Persistent || info.Filters.Count == 0) return [];
        // Partitions the session has no commit for appeared after it was opened (topics created meanwhile, perhaps
        // while its silo was dead): everything in them came after the subscription, so they start at their log start.
        await OpenAsync(client, info.Filters, StartPosition.Earliest);
        return info.Filters;
    });

    /// <summary>Ends the client's session, a persistent one's commits too (clean start, or a clean client leaving).</summary>
    public Task DropAsync(MqttClientState client) => ChangeAsync(client, () => CloseAsync(client));

    /// <summary>Commits what the client acknowledged (a persistent session only).</summary>
    public async Task CommitAsync(MqttClientState client)
    {
        var commits = client.Ledger.TakeCommits();
        if (commits.Count > 0 && client.Persistent && client.Filters.Count > 0)
            await sessions.CommitAsync(client.Principal, client.SessionId, commits);
    }

    private async Task OpenAsync(MqttClientState client, IReadOnlyList<string> filters, StartPosition start)
    {
        await CommitAsync(client);
        var info = await sessions.ChangeFiltersAsync(client.Principal, client.SessionId, client.Persistent, filters, start);
        // A persistent session went back to its commits: what is in flight comes again and is counted afresh.
        if (info.Persistent) client.ForgetInFlight(client.Ledger);
        client.Filters.Clear();
        client.Filters.AddRange(filters);
    }

    private async Task CloseAsync(MqttClientState client)
    {
        try
        {
            await sessions.CloseAsync(client.Principal, client.SessionId);
        }
        catch (UnknownSessionException)
        {
        }
        Interlocked.Increment(ref client.SessionEnds);
        client.Filters.Clear();
        client.ForgetInFlight(client.Ledger);
    }

    private static Task ChangeAsync(MqttClientState client, Func<Task> change) =>
        ChangeAsync<bool>(client, async () =>
        {
            await change();
            return true;
        });

    private static async Task<T> ChangeAsync<T>(MqttClientState client, Func<Task<T>> change)
    {
        await client.SessionGate.WaitAsync();
        try
        {
            return await change();
        }
        finally
        {
            client.SessionGate.Release();
        }
    }
}
