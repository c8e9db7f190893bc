namespace AkLight.Producer.Metrics.Host;

/// <summary>One network interface's byte counters since boot.</summary>
internal readonly record struct InterfaceCounters(string Name, ulong RxBytes, ulong TxBytes);

/// <summary>Reads the per-interface counters from the text of <c>/proc/net/dev</c>.</summary>
internal static class NetDevParser
{
    /// <summary>
    /// Every interface line, <c>name: rx_bytes rx_packets ... (8 receive fields) tx_bytes ...</c>; the two
    /// header lines have no colon-separated name with numbers and are skipped.
    /// </summary>
    public static IReadOnlyList<InterfaceCounters> Parse(string text)
    {
        var interfaces = new List<InterfaceCounters>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var fields = line[(colon + 1)..].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9
                || !ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rx)
                || !ulong.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var tx))
                continue;
            interfaces.Add(new InterfaceCounters(line[..colon].Trim().ToString(), rx, tx));
        }
        return interfaces;
    }

    /// <summary>Received and sent bytes over every interface but the loopback, whose traffic never leaves the machine.</summary>
    public static (ulong RxBytes, ulong TxBytes) TotalExcludingLoopback(IEnumerable<InterfaceCounters> interfaces)
    {
        ulong rx = 0, tx = 0;
        foreach (var counters in interfaces)
        {
            if (counters.Name == "lo") continue;
            rx += counters.RxBytes;
            tx += counters.TxBytes;
        }
        return (rx, tx);
    }
}
