using System.Text;

namespace AkLight.Bench.Workload;

/// <summary>
/// The topic set of the workload: <c>{prefix}/{host}/{container}/{metric}</c> for every container and the four
/// metrics, containers spread over up to ten hosts. Each producer owns a share of the containers, so one
/// container's messages come from one producer, in order.
/// </summary>
internal sealed class MetricTopics
{
    public static readonly string[] Metrics = ["cpu", "memory", "network", "blkio"];

    public MetricTopics(int containers, string prefix = "metrics/docker", string hostPrefix = "host", int metricsPerContainer = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(containers);
        var hosts = Math.Min(10, containers);
        var topics = new List<MetricTopic>(containers * metricsPerContainer);
        for (var c = 0; c < containers; c++)
        {
            var host = $"{hostPrefix}{c % hosts:00}";
            var container = $"{host}-c{c:00000}";
            var key = Encoding.UTF8.GetBytes(container);
            for (var m = 0; m < metricsPerContainer; m++)
            {
                var metric = Metrics[m % Metrics.Length];
                topics.Add(new MetricTopic($"{prefix}/{host}/{container}/{metric}", key, c, MetricPayload.CreateTemplate(host, container, metric)));
            }
        }
        All = topics;
    }

    public IReadOnlyList<MetricTopic> All { get; }

    /// <summary>The topics of producer <paramref name="index"/> of <paramref name="producers"/>: the containers whose number is its index modulo the count.</summary>
    public IReadOnlyList<MetricTopic> ForProducer(int index, int producers) =>
        producers == 1 ? All : All.Where(t => t.ContainerIndex % producers == index).ToArray();
}
