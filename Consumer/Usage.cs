namespace AkLight.Consumer;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        Usage:
          AkLight.Consumer --filter F [--filter F2 ...] [--session ID] [--persistent] [--group NAME]
                           [--from latest|earliest|<ISO-8601 time>] [--max N] [--idle-exit SECONDS]
                           [--json] [--broker host:port ...]
          AkLight.Consumer [monitor [--filter F ...] [--session ID] [--persistent] [--rules FILE]
                           [--webhook URL] [--whatsapp-to +NUMBER ...] [--silence-intervals N] [--plain]
                           [--broker host:port ...]]
          AkLight.Consumer groups [--group NAME] [--json] [--broker host:port ...]
          AkLight.Consumer --help

        With --filter: prints messages from the topics matching the filters, one line each, committing as it goes.

        Options:
          --filter F           topic filter, + and # wildcards allowed (repeatable, at least one)
          --session ID         session id (default: a random consumer-xxxxxxxx); with --group, the member id
          --persistent         keep the session's committed offsets: the same --session resumes where it stopped
          --group NAME         join consumer group NAME instead of opening a session: the group's members share
                               its partitions, and it keeps its committed offsets (no --persistent needed)
          --from POSITION      where partitions without a committed offset start: latest (default),
                               earliest, or the first message at or after an ISO-8601 time (not with --group)
          --max N              stop after N messages (their offsets are committed)
          --idle-exit SECONDS  stop after SECONDS without a message
          --json               one compact JSON object per line:
                               {"topic":..,"partition":..,"offset":..,"key":..,"timestamp":..,"payload":..}
                               key/payload that are not UTF-8 are base64, flagged by "keyEncoding"/"encoding"
          --broker host:port   a broker gateway (repeatable); default: $AKLIGHT_BROKERS
                               (comma-separated), else 127.0.0.1:30000

        monitor (also what runs with no arguments at all): watches container metrics
        (metrics/docker/{host}/{container}/{metric}, JSON readings) and events (events/docker/{host}/{container}/{action})
        and shows a live table per container on a terminal, or else plain lines: one per alert event and a SUMMARY
        line every 10 s. Alerts come from threshold rules, event rules and from the silence alarm (a container or producer quiet for N of its intervals; a
        container whose status says "stopped" is not missed). Each alert event is printed, published to
        alerts/{host}/{container}/{rule} as {"rule","host","container","firing","value","at","message"}
        (key "{host}/{container}"), POSTed to the webhook and sent to WhatsApp, if asked. Options fall back to variables:
          --filter F           $AKLIGHT_FILTERS (comma-separated), else metrics/docker/# and events/docker/#
          --session ID         $AKLIGHT_SESSION, else monitor-<machine name>
          --persistent         $AKLIGHT_PERSISTENT (true/false), else false
          --rules FILE         $AKLIGHT_RULES, else the built-in rules:
                                 cpu > 80 for 30s clear 70
                                 memory.percent > 90 for 30s clear 80
                                 oom: event oom
                                 unhealthy: event health_status == unhealthy
                               one rule per line: [name:] metric (>|>=|<|<=) number [for 30s] [clear number]
                               (name default: metric-high / metric-low), or an event rule:
                               [name:] event ACTION [[FIELD] OP VALUE] [count >= N within 5m]
                               [clear after 10m | clear on ACTION], e.g. crash: event die exitCode != 0;
                               '#' starts a comment line
          --webhook URL        $AKLIGHT_WEBHOOK: POST each alert as JSON (5 s timeout, 3 attempts)
          --whatsapp-to +NUMBER  $AKLIGHT_WHATSAPP_TO (comma-separated): send each alert to this WhatsApp
                               number (E.164, repeatable) through Twilio, with $TWILIO_ACCOUNT_SID,
                               $TWILIO_AUTH_TOKEN, $TWILIO_WHATSAPP_FROM (and $TWILIO_API_URL, default
                               https://api.twilio.com/); 10 s timeout, 3 attempts
          --silence-intervals N  $AKLIGHT_SILENCE_INTERVALS, else 3
          --plain              plain lines even on a terminal

        groups: lists consumer groups (or only --group NAME): members (id, filters, partition count, last
        heartbeat) and per partition the owner, committed offset, log end offset and lag; --json prints one
        JSON document {"groups":[{"group","members":[..],"partitions":[..],"lag"}]}.

        Ctrl+C stops cleanly after committing what was printed (or processed).
        Exit codes: 0 done, 1 other failure, 2 bad input, 3 broker unreachable.
        """;
}
