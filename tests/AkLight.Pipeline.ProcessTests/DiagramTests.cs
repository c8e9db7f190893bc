namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// The Mermaid diagrams in <c>docs/</c> stay true to the code: every type and every <c>...Async</c> method they name
/// is declared in the product's sources, so a rename that forgets the diagrams fails here.
/// </summary>
public sealed partial class DiagramTests
{
    private static string Root => RepositoryPaths.RepositoryRoot;

    [Fact]
    public void Every_type_and_method_the_diagrams_name_exists_in_the_code()
    {
        var diagrams = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")
            .SelectMany(file => MermaidBlock().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToArray();
        Assert.True(diagrams.Length >= 4, "docs/ should hold the sequence, session, group and class diagrams");

        var sources = string.Join('\n', new[] { "Grains.Interfaces", "Grains", "Storage", "Client", "Silo" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        var types = diagrams.SelectMany(d => TypeName().Matches(d).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        var methods = diagrams.SelectMany(d => MethodName().Matches(d).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(types);
        Assert.NotEmpty(methods);

        var missingTypes = types.Where(t => !Regex.IsMatch(sources, $@"\b(class|interface|record|struct)\s+(class\s+|struct\s+)?{t}\b")).ToArray();
        var missingMethods = methods.Where(m => !Regex.IsMatch(sources, $@"\b{m}\s*\(")).ToArray();
        Assert.True(missingTypes.Length == 0, $"the diagrams name types the code does not declare: {string.Join(", ", missingTypes)}");
        Assert.True(missingMethods.Length == 0, $"the diagrams name methods the code does not have: {string.Join(", ", missingMethods)}");
    }

    [GeneratedRegex(@"```mermaid\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();

    // Interfaces (IPartitionGrain) and the names of the broker's types (PartitionGrain, ConsumerSession, ...).
    [GeneratedRegex(@"\b(I[A-Z][a-zA-Z]+|[A-Z][a-zA-Z]*(Grain|Session|Consumer|Producer|Sender|Sequences|Tail|Partitioner|Start|Assignment|Batch|Result))\b")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"\b[A-Z][a-zA-Z]+Async\b")]
    private static partial Regex MethodName();
}
