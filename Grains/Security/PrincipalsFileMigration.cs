namespace AkLight.Grains.Security;

/// <summary>
/// Converts a principals file's old <c>pbkdf2-sha256</c> lines (salted passwords) into SCRAM verifiers, which
/// needs no secret. The file is replaced in one rename, with its permissions, so a crash leaves the old or the new
/// file, never half of one; every other line (rules, comments) is kept as it was.
/// </summary>
public static class PrincipalsFileMigration
{
    /// <summary>Converts <paramref name="path"/> in place; returns the principals converted (none: the file is untouched).</summary>
    public static IReadOnlyList<string> Migrate(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"principals file '{path}' does not exist", path);
        var (lines, converted) = Convert(File.ReadAllLines(path), path);
        if (converted.Count > 0) ReplaceAtomically(path, lines);
        return converted;
    }

    /// <summary>The lines with every old stored key converted, and the names of the principals converted.</summary>
    public static (IReadOnlyList<string> Lines, IReadOnlyList<string> Converted) Convert(IReadOnlyList<string> lines, string source)
    {
        var result = new List<string>(lines.Count);
        var converted = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var parts = lines[i].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["principal", var name, var stored] && stored.StartsWith(LegacyKeyHash.Scheme + "$", StringComparison.Ordinal))
            {
                try
                {
                    result.Add($"principal {name} {LegacyKeyHash.Convert(stored)}");
                    converted.Add(name);
                }
                catch (FormatException error)
                {
                    throw new FormatException($"{source}, line {i + 1}: {error.Message}");
                }
            }
            else result.Add(lines[i]);
        }
        return (result, converted);
    }

    private static void ReplaceAtomically(string path, IReadOnlyList<string> lines)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        // Created with the file's own mode, so the keys are never readable by more users than before, even for a moment.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = File.GetUnixFileMode(full);
        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                foreach (var line in lines) writer.WriteLine(line);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            // The create mode is masked by the umask; set it again so the new file has exactly the old one's.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
