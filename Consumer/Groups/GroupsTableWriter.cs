namespace AkLight.Consumer.Groups;

/// <summary>
/// The groups as aligned text tables, one block per group: its members, then its partitions with owner,
/// committed offset, log end offset and lag (<c>-</c> where there is none).
/// </summary>
internal static class GroupsTableWriter
{
    public static void Write(TextWriter output, IReadOnlyList<GroupDescription> groups, DateTimeOffset now)
    {
        if (groups.Count == 0)
        {
            output.WriteLine("No consumer groups.");
            return;
        }
        for (var i = 0; i < groups.Count; i++)
        {
            if (i > 0) output.WriteLine();
            WriteGroup(output, groups[i], now);
        }
    }

    private static void WriteGroup(TextWriter output, GroupDescription group, DateTimeOffset now)
    {
        var lag = group.Partitions.Sum(p => p.Lag);
        output.WriteLine(Invariant($"GROUP {group.Group}: {group.Members.Count} member(s), {group.Partitions.Count} partition(s), lag {lag}"));
        output.WriteLine();
        if (group.Members.Count == 0) output.WriteLine("  (no active members)");
        else
        {
            TextTable.Write(output, ["MEMBER", "FILTERS", "PARTITIONS", "LAST HEARTBEAT"], group.Members.Select(m => new[]
            {
                m.MemberId,
                string.Join(',', m.Filters),
                Invariant($"{m.Partitions}"),
                Invariant($"{m.LastHeartbeat.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Math.Max(0, (now - m.LastHeartbeat).TotalSeconds):0}s ago)"),
            }));
        }
        output.WriteLine();
        if (group.Partitions.Count == 0) output.WriteLine("  (no partitions)");
        else
        {
            TextTable.Write(output, ["TOPIC", "PARTITION", "OWNER", "COMMITTED", "LOG END", "LAG"], group.Partitions.Select(p => new[]
            {
                p.Topic,
                Invariant($"{p.Partition}"),
                p.Owner ?? "-",
                p.Committed is { } committed ? Invariant($"{committed}") : "-",
                Invariant($"{p.EndOffset}"),
                Invariant($"{p.Lag}"),
            }));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
