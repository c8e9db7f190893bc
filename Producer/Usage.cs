namespace AkLight.Producer;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        Usage:
          AkLight.Producer [agent] [--producer-id ID] [--host NAME] [--interval SECONDS]
                           [--docker auto|off] [--docker-socket PATH] [--disk-path PATH]
                           [--buffer N] [--broker host:port ... | --mqtt host:port]
          AkLight.Producer send --topic T [--key K] [--count N] [--message TEXT | --payload-file PATH]
                                [--base64] [--header name=value ...] [--broker host:port ...]
          AkLight.Producer stress [--cpu N] [--memory MB] [--seconds S] [--spike-every S]
          AkLight.Producer --help

        agent   The default. Every interval, publishes one message per metric to
                metrics/docker/{host}/{container}/{metric}, keyed by container id, with a JSON
                payload {"value","unit","ts","containerId","producer","interval"}, plus a
                .../status message {"state","health",...}. With Docker: every running container
                (cpu, memory, memory.limit, memory.percent, net.rx, net.tx, blkio.read,
                blkio.write, restarts); a container that stops gets a last status "stopped".
                With Docker it also follows the engine's container events and publishes each to
                events/docker/{host}/{container}/{action} (start, die, oom, kill, restart,
                health_status, pause, unpause, destroy) as {"action","status","exitCode","time",
                "timeNano","containerId","container","image","attributes","producer"}.
                Without Docker: this host or container as {host}/{host} (cpu, memory,
                memory.limit, memory.percent, disk.used, disk.percent, net.rx, net.tx).
                While the broker is unreachable it keeps sampling into a buffer of N messages,
                dropping the oldest when full, and delivers in order once the broker is back.
                Status lines go to standard error. Ctrl+C or SIGTERM: flushes (5 s at most), exits 0.
        send    Publishes messages to topic T. With --message, sends TEXT N times (default 1); with
                --payload-file, the file's bytes as one payload N times; without either, one message
                per line of standard input (at most N lines).
                Prints one JSON line per acknowledged message, in send order:
                {"topic":"T","partition":0,"offset":12}
        stress  Loads CPU (N busy threads), memory (MB allocated and touched), or both, for S
                seconds (default 30), steadily or in spikes (load and idle in turn, S each), to
                trigger alert thresholds on purpose. Default: every core, no memory.

        Agent options (each falls back to an environment variable, then a default):
          --producer-id ID     who publishes (payload "producer"); $AKLIGHT_PRODUCER_ID, else the machine name
          --host NAME          host level of the topics; $AKLIGHT_HOST, else the machine name
          --interval SECONDS   time between samples; $AKLIGHT_INTERVAL, else 5
          --docker auto|off    sample containers through the Docker Engine API when its socket
                               answers (auto), or never (off); $AKLIGHT_DOCKER, else auto
          --docker-socket PATH the Docker Engine socket; $AKLIGHT_DOCKER_SOCKET, else /var/run/docker.sock
          --disk-path PATH     without Docker, the path whose disk use is reported; $AKLIGHT_DISK_PATH, else /
          --buffer N           messages kept while the broker is unreachable; $AKLIGHT_BUFFER, else 10000
          --mqtt host:port     publish through a silo's MQTT door (QoS 1) instead of the gateways;
                               with $AKLIGHT_TOKEN, its principal and key are the user and password

        Send options:
          --topic T            topic name (no + or # wildcards)
          --key K              UTF-8 key; messages with the same key go to the same partition
          --count N            how many times to send --message, or the most stdin lines to send
          --message TEXT       the payload (UTF-8)
          --payload-file PATH  the payload: every byte of the file, as is (binary); - reads standard input
          --base64             the payloads are given in base64 (--message, each stdin line, or the file's
                               text) and sent decoded: binary payloads on a command line or in lines
          --header name=value  a header on every message (repeatable)

        Stress options:
          --cpu N              busy threads (default: every core when --memory is not given, else none)
          --memory MB          MiB to allocate and hold
          --seconds S          how long the whole run lasts (default 30)
          --spike-every S      alternate S seconds of load with S seconds of idle

        Common:
          --broker host:port   a broker gateway (repeatable); default: $AKLIGHT_BROKERS
                               (comma-separated), else 127.0.0.1:30000

        Exit codes: 0 all acknowledged (send) or stopped cleanly (agent, stress), 1 other failure,
        2 bad input, 3 broker unreachable or not acknowledging (send).
        """;
}
