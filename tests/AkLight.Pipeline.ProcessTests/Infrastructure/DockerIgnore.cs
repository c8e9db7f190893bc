namespace AkLight.Pipeline.ProcessTests.Infrastructure;

/// <summary>
/// .dockerignore as the Docker builder reads it: patterns relative to the context root, '*' and '?' within a
/// level, '**' across levels, '!' re-including; a pattern matching a folder covers what is in it; the last
/// matching pattern decides.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Include)> _rules = [];

    public static DockerIgnore Read(string path)
    {
        var result = new DockerIgnore();
        if (!File.Exists(path)) return result;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var include = line.StartsWith('!');
            var pattern = (include ? line[1..] : line).Trim().TrimStart('/').TrimEnd('/');
            if (pattern.StartsWith("./", StringComparison.Ordinal)) pattern = pattern[2..];
            result._rules.Add((new Regex("^" + GlobToRegex(pattern) + "$", RegexOptions.CultureInvariant), include));
        }
        return result;
    }

    public bool Excludes(string relativePath)
    {
        var levels = relativePath.Split('/');
        var candidates = Enumerable.Range(1, levels.Length).Select(n => string.Join('/', levels[..n])).ToArray();
        var excluded = false;
        foreach (var (pattern, include) in _rules)
        {
            if (candidates.Any(pattern.IsMatch)) excluded = !include;
        }
        return excluded;
    }

    private static string GlobToRegex(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.ToString();
    }
}
