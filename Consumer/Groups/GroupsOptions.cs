namespace AkLight.Consumer.Groups;

/// <summary>What <c>groups</c> was asked to show.</summary>
/// <param name="Group">Only this group (null: every group the broker knows).</param>
/// <param name="Json">One JSON document instead of tables.</param>
/// <param name="Brokers">Broker addresses; empty means <c>AKLIGHT_BROKERS</c> or the default.</param>
internal sealed record class GroupsOptions(string? Group, bool Json, IReadOnlyList<string> Brokers)
{
    public static readonly string[] ValueOptions = ["group", "broker"];

    public static readonly string[] Switches = ["json", "help"];

    /// <summary>Reads the options of <c>groups</c>; throws <see cref="UsageException"/> for anything wrong.</summary>
    public static GroupsOptions From(ParsedArguments args)
    {
        var group = args.Single("group");
        if (group is not null && string.IsNullOrWhiteSpace(group)) throw new UsageException("option '--group' needs a non-empty name");
        return new GroupsOptions(group, args.Has("json"), args.All("broker"));
    }
}
