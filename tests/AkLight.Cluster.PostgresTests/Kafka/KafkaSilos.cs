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

    /// <summary>Starts <c>silo1</c> and <c>silo2</c>, each with its Kafka door, and waits until both are Active.</summary>
    public static async Task<((SiloProcess Silo, string Bootstrap) First, (SiloProcess Silo, string Bootstrap) Second)> StartTwoAsync(SiloCluster cluster)
    {
        var first = await StartAsync(cluster, "silo1");
        var second = await StartAsync(cluster, "silo2");
        await cluster.WaitForActiveMembersAsync([first.Silo, second.Silo]);
        return (first, second);
    }
}
