using AkLight.Client.Connection;
using AkLight.Producer.Metrics.Docker;

namespace AkLight.Producer.Agent;

/// <summary>What the metric agent was asked to do: options from the command line, else the environment, else defaults.</summary>
/// <param name="ProducerId">Who publishes: the payload's <c>producer</c>.</param>
/// <param name="Host">The host level of every topic; without Docker also the container level and the key.</param>
/// <param name="Interval">Time between two samples.</param>
/// <param name="Docker">Whether to sample containers through the Docker Engine API.</param>
/// <param name="DockerSocket">The Docker Engine's Unix socket.</param>
/// <param name="DiskPath">Without Docker: the path whose file system's use is reported.</param>
/// <param name="BufferCapacity">Most messages kept while the broker is unreachable; beyond it the oldest are dropped.</param>
/// <param name="Brokers">Broker addresses (host:port), at least one.</param>
/// <param name="Mqtt">A silo's MQTT door (host:port) to publish to instead of the gateways, or null.</param>
internal sealed record class AgentOptions(
    string ProducerId,
    string Host,
    TimeSpan Interval,
    DockerMode Docker,
    string DockerSocket,
    string DiskPath,
    int BufferCapacity,
    IReadOnlyList<string> Brokers,
    string? Mqtt = null)
{
    public const string ProducerIdVariable = "AKLIGHT_PRODUCER_ID";
    public const string HostVariable = "AKLIGHT_HOST";
    public const string IntervalVariable = "AKLIGHT_INTERVAL";
    public const string DockerVariable = "AKLIGHT_DOCKER";
    public const string DockerSocketVariable = "AKLIGHT_DOCKER_SOCKET";
    public const string DiskPathVariable = "AKLIGHT_DISK_PATH";
    public const string BufferVariable = "AKLIGHT_BUFFER";

    public const double DefaultIntervalSeconds = 5;
    public const int DefaultBuffer = 10_000;

    /// <summary>Shortest and longest interval accepted: below a tenth of a second the samples are noise, above a day nobody waits.</summary>
    private const double MinIntervalSeconds = 0.1, MaxIntervalSeconds = 86_400;

    private const int MaxBuffer = 10_000_000;

    public static readonly string[] ValueOptions = ["producer-id", "host", "interval", "docker", "docker-socket", "disk-path", "buffer", "broker", "mqtt"];

    /// <summary>Reads the agent's options; throws <see cref="UsageException"/> naming the option or variable that is wrong.</summary>
    public static AgentOptions From(ParsedArguments args, Func<string, string?> environment)
    {
        string? Setting(string option, string variable) => args.Single(option) ?? NonEmpty(environment(variable));

        var producerId = Setting("producer-id", ProducerIdVariable) ?? Environment.MachineName;
        var host = Setting("host", HostVariable) ?? Environment.MachineName;
        var interval = ParseInterval(Setting("interval", IntervalVariable), args.Single("interval") is null ? IntervalVariable : "--interval");
        var docker = ParseDocker(Setting("docker", DockerVariable), args.Single("docker") is null ? DockerVariable : "--docker");
        var socket = Setting("docker-socket", DockerSocketVariable) ?? DockerConnector.DefaultSocket;
        if (socket.StartsWith("unix://", StringComparison.Ordinal)) socket = socket["unix://".Length..];
        var diskPath = Setting("disk-path", DiskPathVariable) ?? "/";
        var buffer = ParseBuffer(Setting("buffer", BufferVariable), args.Single("buffer") is null ? BufferVariable : "--buffer");
        var brokers = ParseBrokers(args.All("broker"), NonEmpty(environment(BrokerConnection.BrokersVariable)));
        var mqtt = args.Single("mqtt") is { } door ? ParseBrokers([door], null)[0] : null;
        return new AgentOptions(producerId, host, interval, docker, socket, diskPath, buffer, brokers, mqtt);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TimeSpan ParseInterval(string? text, string source)
    {
        if (text is null) return TimeSpan.FromSeconds(DefaultIntervalSeconds);
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds is >= MinIntervalSeconds and <= MaxIntervalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"{source} needs a number of seconds from {MinIntervalSeconds} to {MaxIntervalSeconds}, not '{text}'");
    }

    private static DockerMode ParseDocker(string? text, string source) => text?.ToLowerInvariant() switch
    {
        null or "auto" => DockerMode.Auto,
        "off" => DockerMode.Off,
        _ => throw new UsageException($"{source} is 'auto' or 'off', not '{text}'"),
    };

    private static int ParseBuffer(string? text, string source)
    {
        if (text is null) return DefaultBuffer;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is > 0 and <= MaxBuffer
            ? size
            : throw new UsageException($"{source} needs a whole number of messages from 1 to {MaxBuffer}, not '{text}'");
    }

    /// <summary>
    /// The brokers from <c>--broker</c>, else <c>AKLIGHT_BROKERS</c> (split as the client splits it), else the
    /// default. A malformed address is a mistake to report now; a name that does not resolve yet (a broker
    /// container still starting) is not, so no name is looked up here.
    /// </summary>
    private static IReadOnlyList<string> ParseBrokers(IReadOnlyList<string> given, string? fromEnvironment)
    {
        var brokers = given.Count > 0 ? given
            : fromEnvironment is not null ? fromEnvironment.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [BrokerConnection.DefaultBroker];
        foreach (var broker in brokers)
        {
            var colon = broker.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new UsageException($"broker address '{broker}' is not host:port (e.g. 127.0.0.1:30000)");
        }
        return brokers;
    }
}
