namespace AkLight;

/// <summary>
/// The session a consumer-group member reads its partitions through. Its id is reserved: an ordinary session
/// cannot be opened under it, and the group's length prefix keeps <c>(a:b, c)</c> and <c>(a, b:c)</c> apart.
/// </summary>
public static class GroupMemberSession
{
    /// <summary>What every member session id starts with; ordinary session ids may not.</summary>
    public const string Prefix = "$group:";

    /// <summary>The session id of <paramref name="memberId"/> in <paramref name="group"/>.</summary>
    public static string Id(string group, string memberId) => $"{Prefix}{group.Length}:{group}:{memberId}";

    /// <summary>The session grain of <paramref name="memberId"/> in <paramref name="group"/>.</summary>
    public static IConsumerSessionGrain GetMemberSession(this IGrainFactory grains, string group, string memberId) =>
        grains.GetGrain<IConsumerSessionGrain>(Id(group, memberId));
}
