namespace AkLight.Silo.Doors.Mqtt;

/// <summary>
/// MQTT 5 shared subscriptions, <c>$share/{group}/{filter}</c>: the clients subscribed with one group name are the
/// members of the AKLight consumer group of that name, which splits the partitions among them (at least once).
/// </summary>
internal sealed class MqttSharedSubscriptions(MqttDoorContext door)
{
    private const string Shared = "$share/";

    /// <summary>
    /// How the door passes <c>$share/</c> filters through MQTTnet, which refuses them itself: SUBSCRIBE and UNSUBSCRIBE
    /// are renamed on arrival, and MQTTnet keeps the renamed subscription (no topic is ever published under it).
    /// </summary>
    private const string Prefix = "$aklight-share/";

    /// <summary>Renames the shared filters of an arriving SUBSCRIBE or UNSUBSCRIBE; tells MQTT 5 clients at CONNACK that they are available.</summary>
    public static void Disguise(MqttPacket packet)
    {
        switch (packet)
        {
            case MqttSubscribePacket subscribe:
                foreach (var filter in subscribe.TopicFilters)
                    if (filter.Topic?.StartsWith(Shared, StringComparison.Ordinal) == true) filter.Topic = Prefix + filter.Topic[Shared.Length..];
                break;
            case MqttUnsubscribePacket unsubscribe:
                for (var i = 0; i < unsubscribe.TopicFilters.Count; i++)
                    if (unsubscribe.TopicFilters[i]?.StartsWith(Shared, StringComparison.Ordinal) == true)
                        unsubscribe.TopicFilters[i] = Prefix + unsubscribe.TopicFilters[i][Shared.Length..];
                break;
        }
    }

    /// <summary>MQTTnet's CONNACK says shared subscriptions are unavailable; through the door they are.</summary>
    public static void Announce(MqttPacket packet)
    {
        if (packet is MqttConnAckPacket connack) connack.SharedSubscriptionAvailable = true;
    }

    /// <summary>Splits a shared subscription's filter (as renamed on arrival); false for any other filter.</summary>
    public static bool TryParse(string filter, out string group, out string inner)
    {
        group = inner = "";
        if (!filter.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var slash = filter.IndexOf('/', Prefix.Length);
        if (slash < 0) throw new ArgumentException($"shared subscription '{Shared}{filter[Prefix.Length..]}' has no filter: write $share/{{group}}/{{filter}}");
        group = filter[Prefix.Length..slash];
        inner = filter[(slash + 1)..];
        if (group.Length == 0 || group.IndexOfAny(['+', '#']) >= 0)
            throw new ArgumentException($"shared subscription '{Shared}{filter[Prefix.Length..]}': the group name must be one level without '+' or '#'");
        TopicFilter.Parse(inner);
        return true;
    }

    public async Task SubscribeAsync(MqttClientState client, string group, string filter, MqttQualityOfServiceLevel qos)
    {
        var member = client.Shared.GetOrAdd(group, name => new MqttSharedMember(name));
        await member.Gate.WaitAsync();
        try
        {
            member.Add(filter, qos);
            await member.JoinAsync(client, door.Groups);
            if (client.Connected) member.Start(client, door);
        }
        catch
        {
            member.Remove(filter);
            throw;
        }
        finally
        {
            member.Gate.Release();
        }
    }

    public async Task UnsubscribeAsync(MqttClientState client, string group, string filter)
    {
        if (!client.Shared.TryGetValue(group, out var member)) return;
        await member.Gate.WaitAsync();
        try
        {
            member.Remove(filter);
            if (member.Filters.Count > 0)
            {
                await member.JoinAsync(client, door.Groups);
                return;
            }
            client.Shared.TryRemove(group, out _);
            await LeaveAsync(client, member);
        }
        finally
        {
            member.Gate.Release();
        }
    }

    /// <summary>At connect of a client this silo knows: its shared subscriptions join their groups again.</summary>
    public async Task RejoinAsync(MqttClientState client)
    {
        foreach (var member in client.Shared.Values)
        {
            await member.JoinAsync(client, door.Groups);
            member.Start(client, door);
        }
    }

    /// <summary>At disconnect: the client's members leave, so the others take their partitions at once.</summary>
    public async Task LeaveAllAsync(MqttClientState client)
    {
        foreach (var member in client.Shared.Values) await LeaveAsync(client, member);
    }

    private async Task LeaveAsync(MqttClientState client, MqttSharedMember member)
    {
        await member.StopAsync();
        client.ForgetInFlight(member.Ledger);
        await door.Groups.LeaveAsync(client.Principal, member.Group, client.ClientId);
    }
}
