using System.Reflection;

namespace AkLight.TestSupport;

/// <summary>Finds the built tools: <c>&lt;repo&gt;/&lt;Project&gt;/bin/&lt;Configuration&gt;/net10.0/AkLight.&lt;Project&gt;.dll</c>.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding <c>AkLight.sln</c>, found by walking up from the test's output folder.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The configuration the tests were built in; the tools were built in the same one.</summary>
    public static string Configuration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string SiloDll => ToolDll("Silo");

    public static string ProducerDll => ToolDll("Producer");

    public static string ConsumerDll => ToolDll("Consumer");

    /// <summary>The folder of the PostgreSQL scripts.</summary>
    public static string SqlDirectory => Path.Combine(RepositoryRoot, "sql");

    private static string ToolDll(string project)
    {
        var path = Path.Combine(RepositoryRoot, project, "bin", Configuration, "net10.0", $"AkLight.{project}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built: {path} is missing", path);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AkLight.sln"))) return folder.FullName;
        }
        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds AkLight.sln");
    }
}
