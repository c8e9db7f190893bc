namespace AkLight.Producer.Metrics.Host;

/// <summary>Reads the aggregate CPU times from the text of <c>/proc/stat</c> (see proc(5)).</summary>
internal static class ProcStatParser
{
    /// <summary>The first line, <c>cpu  user nice system idle iowait irq softirq steal guest guest_nice</c>.</summary>
    /// <exception cref="FormatException">There is no aggregate cpu line with at least four numbers.</exception>
    public static CpuTimes Parse(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("cpu ")) continue;
            var fields = line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5) break;
            // Kernels before 2.6 lack iowait, irq, softirq and steal: missing fields count as zero.
            ulong Field(int index) => index < fields.Length ? ulong.Parse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            return new CpuTimes(Field(1), Field(2), Field(3), Field(4), Field(5), Field(6), Field(7), Field(8));
        }
        throw new FormatException("no aggregate 'cpu' line in /proc/stat");
    }
}
