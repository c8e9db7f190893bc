namespace AkLight.Pipeline.ProcessTests.Infrastructure;

/// <summary>The instructions of a Dockerfile that these tests look at, by stage.</summary>
internal sealed class Dockerfile
{
    public List<Stage> Stages { get; } = [];

    public Stage Stage(string name) =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"the Dockerfile has no stage '{name}'");

    /// <summary>The stage and the stages it is built FROM, nearest first.</summary>
    public IEnumerable<Stage> Lineage(Stage stage)
    {
        for (var current = stage; ;)
        {
            yield return current;
            var baseName = current.BaseImage;
            var next = Stages.SingleOrDefault(s => s.Name == baseName);
            if (next is null) yield break;
            current = next;
        }
    }

    public static Dockerfile Read(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        var result = new Dockerfile();
        foreach (var instruction in Instructions(File.ReadAllLines(path)))
        {
            var space = instruction.IndexOf(' ');
            var keyword = (space < 0 ? instruction : instruction[..space]).ToUpperInvariant();
            var rest = space < 0 ? "" : instruction[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : $"#{result.Stages.Count}";
                result.Stages.Add(new Stage(name, words[0]));
                continue;
            }
            Assert.True(result.Stages.Count > 0, $"'{instruction}' comes before any FROM");
            var stage = result.Stages[^1];
            switch (keyword)
            {
                case "COPY" or "ADD":
                    var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var from = words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
                    var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                    Assert.True(paths.Length >= 2, $"'{instruction}' has no source or destination");
                    stage.Copies.Add(new Copy(from, paths[..^1]));
                    break;
                case "RUN":
                    stage.Runs.Add(rest);
                    break;
                case "ENTRYPOINT":
                    stage.Entrypoint = rest;
                    break;
            }
        }
        return result;
    }

    /// <summary>Instructions with their continuation lines joined, comments and blank lines dropped.</summary>
    private static IEnumerable<string> Instructions(string[] lines)
    {
        var current = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith('#') || line.Length == 0) continue;
            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1]).Append(' ');
                continue;
            }
            current.Append(line);
            yield return Regex.Replace(current.ToString().Trim(), @"\s+", " ");
            current.Clear();
        }
        if (current.Length > 0) yield return current.ToString().Trim();
    }
}

internal sealed class Stage(string name, string baseImage)
{
    public string Name { get; } = name;

    public string BaseImage { get; } = baseImage;

    public List<Copy> Copies { get; } = [];

    public List<string> Runs { get; } = [];

    public string Entrypoint { get; set; } = "";
}

internal sealed record class Copy(string? FromStage, string[] Sources);
