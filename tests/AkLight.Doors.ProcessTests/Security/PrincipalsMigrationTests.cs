using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace AkLight.Doors.ProcessTests.Security;

/// <summary>
/// A principals file written before keys were stored as SCRAM verifiers: its lines held the salted password, a
/// SCRAM password in itself. The silo converts it at start, or <c>principal migrate</c> does; the keys stay valid.
/// </summary>
public sealed class PrincipalsMigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aklight-migrate-").FullName;

    private string File => Path.Combine(_folder, "principals.conf");

    [Fact]
    public async Task A_silo_converts_an_old_file_at_start_and_the_key_still_logs_in_over_http_and_kafka_scram()
    {
        var secret = WriteOldFile("agent");
        var kafkaPort = FreePorts.Pick(1)[0];
        await using var silo = await SiloServer.StartAsync([$"AkLight:Security:PrincipalsFile={File}", "AkLight:Kafka:Enabled=true", $"AkLight:Kafka:Port={kafkaPort}"]);

        AssertConverted();
        using var http = silo.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"agent:{secret}");
        using (var topics = await http.GetAsync("api/topics")) Assert.Equal(HttpStatusCode.OK, topics.StatusCode);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = $"127.0.0.1:{kafkaPort}", SecurityProtocol = SecurityProtocol.SaslPlaintext,
            SaslMechanism = SaslMechanism.ScramSha256, SaslUsername = "agent", SaslPassword = secret,
        }).Build();
        var stored = await producer.ProduceAsync("metrics/" + Names.Unique("migrated"), new Message<string, string> { Key = "k", Value = "after migration" });
        Assert.Equal(PersistenceStatus.Persisted, stored.Status);
    }

    [Fact]
    public async Task Principal_migrate_converts_the_file_in_place_and_says_what_it_converted()
    {
        WriteOldFile("agent");
        using var command = ProcessRunner.StartDotnet(RepositoryPaths.SiloDll, ["principal", "migrate", "--file", File]);
        Assert.True(await command.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, command.Describe());
        Assert.Single(command.Stdout, line => line.Contains("converted 1 old keys to SCRAM verifiers: agent", StringComparison.Ordinal));
        AssertConverted();
    }

    /// <summary>A file as <c>principal add</c> used to write it: PBKDF2-HMAC-SHA256 of the secret, stored as is.</summary>
    private string WriteOldFile(string name)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, 4096, HashAlgorithmName.SHA256, 32);
        System.IO.File.WriteAllLines(File, [$"principal {name} pbkdf2-sha256$4096${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}", $"allow {name} admin #"]);
        return secret;
    }

    private void AssertConverted()
    {
        var lines = System.IO.File.ReadAllLines(File);
        Assert.DoesNotContain(lines, line => line.Contains("pbkdf2-sha256", StringComparison.Ordinal));
        Assert.Single(lines, line => line.StartsWith("principal agent scram-sha-256$4096$", StringComparison.Ordinal));
        Assert.Contains("allow agent admin #", lines);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
