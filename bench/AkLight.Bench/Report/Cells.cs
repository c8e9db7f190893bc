namespace AkLight.Bench.Report;

/// <summary>Number formatting for the tables.</summary>
internal static class Cells
{
    public static string Rate(double value) => value <= 0 ? "–" : value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Ms(double? value) => value is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "–";

    public static string Bytes(double? value) => value is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    public static string Cores(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Ratio(double? value) => value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    public static string Megabytes(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("#,0", CultureInfo.InvariantCulture) + " MB" : "–";

    public static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    public static string Rule(int columns) => "|" + string.Concat(Enumerable.Repeat("---|", columns));
}
