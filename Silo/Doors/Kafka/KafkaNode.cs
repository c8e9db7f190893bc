using Microsoft.Extensions.Options;

namespace AkLight.Silo.Doors.Kafka;

/// <summary>
/// This silo as a Kafka broker. Every silo can serve every partition (partition grains are reached from any
/// silo), so each one tells its clients that it alone leads every partition and coordinates every group: a
/// client keeps talking to the silo it bootstrapped through.
/// </summary>
public sealed class KafkaNode(IOptions<KafkaOptions> options)
{
    /// <summary>The cluster id Kafka clients see.</summary>
    public const string ClusterId = "aklight";

    public string Host => options.Value.AdvertisedHostName;

    public int Port => options.Value.AdvertisedPortNumber;

    /// <summary>A node id stable for this silo's advertised address, so clients seeing two silos see two nodes.</summary>
    public int NodeId => (int)(Crc(Host + ":" + Port) & 0x3fffffff);

    private static uint Crc(string text) => Records.Crc32C.Compute(System.Text.Encoding.UTF8.GetBytes(text));
}
