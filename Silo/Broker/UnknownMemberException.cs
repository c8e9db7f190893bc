namespace AkLight.Silo.Broker;

/// <summary>A consumer-group member the group does not know (never joined, left, or timed out).</summary>
public sealed class UnknownMemberException(string group, string memberId)
    : Exception($"member '{memberId}' is not in consumer group '{group}': it never joined, left, or missed heartbeats for the member timeout; join again")
{
    public string Group { get; } = group;

    public string MemberId { get; } = memberId;
}
