namespace AkLight.Consumer.Groups;

/// <summary>Columns padded to their widest cell, two spaces apart, for output meant for people and for <c>grep</c>.</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(headers).ToArray();
        var widths = headers.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, column) => column == row.Count - 1 ? cell : cell.PadRight(widths[column]));
            output.WriteLine("  " + string.Join("  ", cells));
        }
    }
}
