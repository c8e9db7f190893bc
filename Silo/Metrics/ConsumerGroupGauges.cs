using System.Diagnostics.Metrics;

namespace AkLight.Silo.Metrics;

/// <summary>
/// Members and lag of every consumer group, as gauges. Groups know their committed offsets and log ends only when
/// described, so this samples them every <see cref="BrokerMetricsOptions.GroupSampleInterval"/> (one describe per group,
/// off the message path) and the gauges report the last sample. Every silo samples the whole cluster, so the
/// values are the same on each silo (aggregate with <c>max by (group, topic, partition)</c>).
/// </summary>
public sealed partial class ConsumerGroupGauges : BackgroundService
{
    /// <summary>The meter of the gauges below.</summary>
    public const string MeterName = "AkLight.Groups";

    private readonly IGrainFactory _grains;
    private readonly BrokerMetricsOptions _settings;
    private readonly ILogger<ConsumerGroupGauges> _logger;
    private readonly Meter _meter = new(MeterName);
    private IReadOnlyList<GroupDescription> _groups = [];

    public ConsumerGroupGauges(IGrainFactory grains, IOptions<BrokerMetricsOptions> settings, ILogger<ConsumerGroupGauges> logger)
    {
        _grains = grains;
        _settings = settings.Value;
        _logger = logger;
        _meter.CreateObservableGauge("aklight.consumer_group.members", ObserveMembers, "{member}", "Live members of each consumer group");
        _meter.CreateObservableGauge("aklight.consumer_group.lag", ObserveLag, "{message}", "Messages not yet committed by each consumer group, per partition");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_settings.GroupSampleInterval);
        do
        {
            try
            {
                CallerIdentity.SetBroker(); // the gauges count every group, whoever owns it
                var names = await _grains.GetGrain<IGroupDirectoryGrain>(IGroupDirectoryGrain.Key).ListAsync();
                _groups = await Task.WhenAll(names.Select(name => _grains.GetGrain<IConsumerGroupGrain>(name).DescribeAsync()));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The last sample stays; the next tick tries again.
                LogSampleFailed(_logger, error, error.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    private IEnumerable<Measurement<long>> ObserveMembers() =>
        _groups.Select(g => new Measurement<long>(g.Members.Count, new KeyValuePair<string, object?>("group", g.Group)));

    private IEnumerable<Measurement<long>> ObserveLag() =>
        _groups.SelectMany(g => g.Partitions.Select(p => new Measurement<long>(p.Lag,
            new KeyValuePair<string, object?>("group", g.Group),
            new KeyValuePair<string, object?>("topic", p.Topic),
            new KeyValuePair<string, object?>("partition", p.Partition))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling the consumer groups for /metrics failed: {Reason}")]
    private static partial void LogSampleFailed(ILogger logger, Exception error, string reason);
}
