using System.Reflection;

namespace AkLight.Bench.Servers;

/// <summary>Where the repository, the built silo and the SQL scripts are.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding AkLight.sln, found by walking up from the bench binaries.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Debug or Release: the configuration the bench (and so the silo) was built in.</summary>
    public static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The silo built beside the bench (the bench project references it, so it is built first).</summary>
    public static string SiloDll
    {
        get
        {
            var path = Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "AkLight.Silo.dll");
            return File.Exists(path)
                ? path
                : throw new BenchSetupException($"the silo is not built at {path}; run 'dotnet build -c {Configuration} bench/AkLight.Bench'");
        }
    }

    public static string SqlApplyScript => Path.Combine(Root, "sql", "apply.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AkLight.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no AkLight.sln above {AppContext.BaseDirectory}");
    }
}
