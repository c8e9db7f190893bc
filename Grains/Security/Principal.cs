namespace AkLight.Grains.Security;

/// <summary>Someone the broker knows: a name, their key's SCRAM verifier, and what they may do.</summary>
public sealed class Principal(string name, ScramCredential? key, IReadOnlyList<AccessRule> rules, bool allowedEverything = false)
{
    /// <summary>Who calls when the broker has no principals configured (it then serves loopback only): allowed everything.</summary>
    public static readonly Principal Anonymous = new("anonymous", null, [], allowedEverything: true);

    public string Name { get; } = name;

    public ScramCredential? Key { get; } = key;

    public IReadOnlyList<AccessRule> Rules { get; } = rules;

    /// <summary>True when some rule allows <paramref name="operation"/> on all of <paramref name="target"/>.</summary>
    public bool May(BrokerOperation operation, TopicFilter target) => allowedEverything || Rules.Any(r => r.Allows(operation, target));

    /// <summary>True when any rule reaches <paramref name="topic"/> at all (so it may see the topic's name).</summary>
    public bool MaySee(string topic) => allowedEverything || Rules.Any(r => r.Filter.Matches(topic));

    /// <summary>True for an administrator of every topic, who may see and manage every session and group.</summary>
    public bool IsSuperuser => allowedEverything || Rules.Any(r => r.Operation == BrokerOperation.Admin && r.Filter.Value == "#");
}
