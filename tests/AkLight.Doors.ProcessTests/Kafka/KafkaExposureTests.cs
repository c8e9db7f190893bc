namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>Secure by default: the Kafka door beyond loopback without principals stops the silo at start.</summary>
public sealed class KafkaExposureTests
{
    [Fact]
    public async Task A_silo_without_principals_will_not_open_the_kafka_door_beyond_this_machine()
    {
        var ports = FreePorts.Pick(4);
        var data = Directory.CreateTempSubdirectory("aklight-kafka-exposed-").FullName;
        try
        {
            using var silo = ProcessRunner.StartDotnet(RepositoryPaths.SiloDll,
            [
                $"--AkLight:Silo:SiloPort={ports[0]}", $"--AkLight:Silo:GatewayPort={ports[1]}", $"--AkLight:Dashboard:Port={ports[2]}",
                $"--AkLight:Storage:DataDirectory={data}", "--AkLight:Kafka:Enabled=true", $"--AkLight:Kafka:Port={ports[3]}", "--AkLight:Kafka:Address=0.0.0.0",
            ], workingDirectory: data);
            var exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.NotEqual(0, exit);
            var refusal = Assert.Single(silo.Stderr, line => line.Contains("no principals are configured", StringComparison.Ordinal));
            Assert.Contains("AkLight:Kafka:Address", refusal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
