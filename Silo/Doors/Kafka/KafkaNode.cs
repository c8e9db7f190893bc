namespace AkLight.Silo.Doors.Kafka;

/// <summary>
/// This silo as a Kafka broker. Every silo can serve every partition (partition grains are reached from any
/// silo) and coordinate every group (groups are grains), so each one tells its clients that it alone leads every
/// partition and coordinates every group: a client keeps talking to the silo it bootstrapped through, on the
/// listener it came in on (plain or TLS).
/// </summary>
public sealed class KafkaNode(IOptions<KafkaOptions> options)
{
    /// <summary>The cluster id Kafka clients see.</summary>
    public const string ClusterId = "aklight";

    /// <summary>This silo as a client on <paramref name="connection"/> must see it.</summary>
    public KafkaBroker For(KafkaConnectionState connection)
    {
        var settings = options.Value;
        var host = settings.AdvertisedHostName;
        var port = connection.Tls ? settings.AdvertisedTlsPortNumber : settings.AdvertisedPortNumber;
        // A node id stable for this silo's advertised address, so clients seeing two silos see two nodes.
        return new KafkaBroker((int)(Crc(host + ":" + port) & 0x3fffffff), host, port);
    }

    private static uint Crc(string text) => AkLight.Records.Crc32C.Compute(System.Text.Encoding.UTF8.GetBytes(text));
}

/// <summary>A broker as Metadata and FindCoordinator describe it.</summary>
public sealed record class KafkaBroker(int NodeId, string Host, int Port);
