using AkLight.Cluster.PostgresTests.Infrastructure;

namespace AkLight.Cluster.PostgresTests.Kafka;

/// <summary>Silos of a test cluster with their Kafka door on a port of their own.</summary>
internal static class KafkaSilos
{
    /// <summary>Starts <paramref name="name"/> with Kafka on <paramref name="kafkaPort"/> (a free one unless given: a restarted silo keeps its port).</summary>
    public static async Task<(SiloProcess Silo, string Bootstrap)> StartAsync(SiloCluster cluster, string name, int? kafkaPort = null,
        int? siloPort = null, int? gatewayPort = null)
    {
        var port = kafkaPort ?? FreePorts.Pick();
        var silo = await cluster.StartSiloAsync(name, siloPort, gatewayPort,
            extraSettings: new Dictionary<string, string> { ["AkLight:Kafka:Enabled"] = "true", ["AkLight:Kafka:Port"] = port.ToString() });
        return (silo, $"127.0.0.1:{port}");
    }
}
