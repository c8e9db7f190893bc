namespace AkLight.Consumer;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        Usage:
          AkLight.Consumer --filter F [--filter F2 ...] [--session ID] [--persistent]
                           [--from latest|earliest|<ISO-8601 time>] [--max N] [--idle-exit SECONDS]
                           [--json] [--broker host:port ...]
          AkLight.Consumer --help

        Prints messages from the topics matching the filters, one line each, committing as it goes.

        Options:
          --filter F           topic filter, + and # wildcards allowed (repeatable, at least one)
          --session ID         session id (default: a random consumer-xxxxxxxx)
          --persistent         keep the session's committed offsets: the same --session resumes where it stopped
          --from POSITION      where partitions without a committed offset start: latest (default),
                               earliest, or the first message at or after an ISO-8601 time
          --max N              stop after N messages (their offsets are committed)
          --idle-exit SECONDS  stop after SECONDS without a message
          --json               one compact JSON object per line:
                               {"topic":..,"partition":..,"offset":..,"key":..,"timestamp":..,"payload":..}
                               key/payload that are not UTF-8 are base64, flagged by "keyEncoding"/"encoding"
          --broker host:port   a broker gateway (repeatable); default: $AKLIGHT_BROKERS
                               (comma-separated), else 127.0.0.1:30000

        Ctrl+C stops cleanly after committing what was printed.
        Exit codes: 0 done, 1 other failure, 2 bad input, 3 broker unreachable.
        """;
}
