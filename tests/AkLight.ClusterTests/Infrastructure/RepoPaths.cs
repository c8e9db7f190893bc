using System.Reflection;

namespace AkLight.ClusterTests.Infrastructure;

/// <summary>Where the repository and the built silo are.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding AkLight.sln, found by walking up from the test binaries.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Debug or Release: the configuration the tests (and so the silo) were built in.</summary>
    public static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The silo built next to these tests (the test project references it, so it is built first).</summary>
    public static string SiloDll
    {
        get
        {
            var path = Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "AkLight.Silo.dll");
            if (!File.Exists(path))
                throw new FileNotFoundException($"the silo is not built at {path}; run 'dotnet build Silo/Silo.csproj -c {Configuration}'", path);
            return path;
        }
    }

    /// <summary>The folder of the PostgreSQL scripts.</summary>
    public static string SqlDirectory => Path.Combine(Root, "sql");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AkLight.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no AkLight.sln above {AppContext.BaseDirectory}");
    }
}
