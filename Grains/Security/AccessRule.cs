namespace AkLight.Grains.Security;

/// <summary>One line of the access list: <see cref="Operation"/> is allowed on topics <see cref="Filter"/> matches.</summary>
public sealed record AccessRule(BrokerOperation Operation, TopicFilter Filter)
{
    /// <summary>True when this rule allows <paramref name="operation"/> (admin allows everything) on every topic of <paramref name="target"/>.</summary>
    public bool Allows(BrokerOperation operation, TopicFilter target) =>
        (Operation == operation || Operation == BrokerOperation.Admin) && Filter.Covers(target);
}
