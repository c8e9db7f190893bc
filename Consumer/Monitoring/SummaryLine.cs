namespace AkLight.Consumer.Monitoring;

/// <summary>
/// The periodic one-line summary of plain output:
/// <c>SUMMARY 2026-11-25T12:00:10Z containers=3 running=2 stopped=1 producers=1 alerts=2 firing: h1/web cpu-high,silence</c>.
/// </summary>
internal static class SummaryLine
{
    public static string Format(TableSnapshot snapshot, DateTimeOffset now)
    {
        var stopped = snapshot.Containers.Count(c => c.Stopped);
        var firing = snapshot.FiringAlerts.ToArray();
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture,
            $"SUMMARY {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} containers={snapshot.Containers.Count} running={snapshot.Containers.Count - stopped} stopped={stopped} producers={snapshot.Producers.Count} alerts={firing.Length}");
        if (firing.Length > 0)
        {
            line.Append(" firing:");
            foreach (var source in firing.GroupBy(f => f.Source, StringComparer.Ordinal))
                line.Append(' ').Append(source.Key).Append(' ').AppendJoin(',', source.Select(f => f.Rule));
        }
        return line.ToString();
    }
}
