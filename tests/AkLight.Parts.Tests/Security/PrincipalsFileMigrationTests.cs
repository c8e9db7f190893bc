using System.Security.Cryptography;
using AkLight.Grains.Security;

namespace AkLight.Parts.Tests.Security;

public sealed class PrincipalsFileMigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aklight-migrate-").FullName;

    [Fact]
    public void Old_lines_are_converted_in_place_keeping_the_rest_and_the_files_mode_and_the_keys_still_prove()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var old = $"pbkdf2-sha256$4096${Convert.ToBase64String(salt)}${Convert.ToBase64String(ScramCredentialTests.OldHash("agent-secret", salt, 4096))}";
        var current = ScramCredential.Create("monitor-secret", ScramCredential.MinIterations).ToString();
        var path = Path.Combine(_folder, "principals.conf");
        File.WriteAllLines(path, ["# keep me", $"principal agent {old}", "allow agent produce metrics/#", $"principal monitor {current}", "allow monitor consume #"]);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal(["agent"], PrincipalsFileMigration.Migrate(path));

        var lines = File.ReadAllLines(path);
        Assert.DoesNotContain(lines, l => l.Contains("pbkdf2-sha256", StringComparison.Ordinal));
        Assert.Equal(["# keep me", "allow agent produce metrics/#", $"principal monitor {current}", "allow monitor consume #"], lines.Where((_, i) => i != 1));
        Assert.True(PrincipalsFile.Load(path)["agent"].Key!.Verify("agent-secret"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(_folder));
        Assert.Empty(PrincipalsFileMigration.Migrate(path)); // nothing left: the file is left alone
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
