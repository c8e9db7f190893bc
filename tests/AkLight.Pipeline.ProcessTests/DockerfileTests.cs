using System.Xml.Linq;
using Xunit.Abstractions;
using static AkLight.Pipeline.ProcessTests.Infrastructure.ComposeFile;

namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// The Dockerfile, checked without a Docker engine: every path it copies (and compose mounts or builds from) exists
/// and is in the build context, and each image gets every project its application references.
/// </summary>
public sealed class DockerfileTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_path_the_Dockerfile_copies_exists_and_is_in_the_build_context()
    {
        var dockerfile = Dockerfile.Read(DockerfilePath);
        var ignore = DockerIgnore.Read(Path.Combine(Root, ".dockerignore"));
        var checkedSources = 0;
        foreach (var stage in dockerfile.Stages)
        {
            foreach (var copy in stage.Copies.Where(c => c.FromStage is null))
            {
                foreach (var source in copy.Sources)
                {
                    var path = Path.Combine(Root, source.TrimEnd('/'));
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"stage '{stage.Name}': COPY {source}: no such file or folder in the repository");
                    foreach (var file in FilesUnder(path))
                    {
                        var relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
                        Assert.False(ignore.Excludes(relative), $"stage '{stage.Name}': COPY {source}: {relative} is excluded by .dockerignore");
                    }
                    checkedSources++;
                }
            }
        }
        output.WriteLine($"{checkedSources} COPY sources exist and are in the build context");
        Assert.True(checkedSources > 0, "the Dockerfile copies nothing from the repository");
    }

    [Theory]
    [InlineData("silo", "Silo/Silo.csproj")]
    [InlineData("producer", "Producer/Producer.csproj")]
    [InlineData("consumer", "Consumer/Consumer.csproj")]
    public void Each_image_is_built_from_its_project_and_everything_it_references(string target, string project)
    {
        var dockerfile = Dockerfile.Read(DockerfilePath);
        var image = dockerfile.Stage(target);

        // The runtime stage takes the output of a publish stage, which publishes this project.
        var fromPublish = Assert.Single(image.Copies, c => c.FromStage is not null);
        var publish = dockerfile.Stage(fromPublish.FromStage!);
        Assert.True(publish.Runs.Any(run => run.Contains($"dotnet publish {project}", StringComparison.Ordinal)),
            $"stage '{publish.Name}' does not run 'dotnet publish {project}'");

        // The image starts that project's assembly.
        var assembly = AssemblyName(project);
        Assert.True(image.Entrypoint.Contains($"\"{assembly}.dll\"", StringComparison.Ordinal),
            $"stage '{target}': ENTRYPOINT {image.Entrypoint} does not start {assembly}.dll");

        // Every project it references, directly or not, has its csproj copied before the restore and its folder
        // copied before the publish (in the publish stage or a stage it is built FROM).
        var lineage = dockerfile.Lineage(publish).ToArray();
        var copied = lineage.SelectMany(s => s.Copies).Where(c => c.FromStage is null).SelectMany(c => c.Sources.Select(source => (Copy: c, Source: source))).ToArray();
        foreach (var needed in ProjectClosure(project))
        {
            var folder = needed[..(needed.IndexOf('/') + 1)];
            Assert.True(copied.Any(c => c.Source == needed), $"'{target}' needs {needed}, which no COPY before its restore brings in");
            Assert.True(copied.Any(c => c.Source == folder), $"'{target}' needs the sources of {folder}, which no COPY in '{publish.Name}' or the stages under it brings in");
            Assert.True(lineage.Any(s => s.Runs.Any(run => run.Contains("dotnet restore", StringComparison.Ordinal))), $"'{target}' is built without a restore");
            output.WriteLine($"{target}: {needed}");
        }
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
            Assert.True(copied.Any(c => c.Source == file), $"'{target}' is restored without {file}");
    }

    [Fact]
    public void Every_file_compose_mounts_or_builds_from_exists()
    {
        var text = File.ReadAllText(ComposePath);
        var mounts = BindMounts(text.Split('\n')).ToArray();
        Assert.NotEmpty(mounts);
        foreach (var (source, target) in mounts)
        {
            var path = Path.Combine(Root, source[2..]);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"compose mounts {source} (at {target}): no such file or folder in the repository");
            output.WriteLine($"{source} -> {target}");
        }

        var stages = Dockerfile.Read(DockerfilePath).Stages.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var targets = BuildTarget().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Equal(["consumer", "producer", "silo"], targets.Order(StringComparer.Ordinal));
        foreach (var target in targets) Assert.True(stages.Contains(target), $"compose builds target '{target}', which the Dockerfile has no stage for");
        foreach (Match dockerfile in BuildDockerfile().Matches(text))
            Assert.True(File.Exists(Path.Combine(Root, dockerfile.Groups[1].Value)), $"compose builds from {dockerfile.Groups[1].Value}, which does not exist");
    }

    private static IEnumerable<string> FilesUnder(string path)
    {
        if (File.Exists(path)) return [path];
        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
    }

    /// <summary>The AssemblyName of a project (its file name without extension when it sets none).</summary>
    private static string AssemblyName(string project)
    {
        var xml = XDocument.Load(Path.Combine(Root, project));
        return xml.Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault()
            ?? Path.GetFileNameWithoutExtension(project);
    }

    /// <summary>The project and every project it references, directly or not, as repository paths (<c>Client/Client.csproj</c>).</summary>
    private static IReadOnlyCollection<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current)) continue;
            var full = Path.Combine(Root, current);
            Assert.True(File.Exists(full), $"{current} is referenced but missing");
            foreach (var reference in XDocument.Load(full).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value.Replace('\\', '/') ?? "";
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, include));
                pending.Push(Path.GetRelativePath(Root, resolved).Replace('\\', '/'));
            }
        }
        return seen;
    }
}
