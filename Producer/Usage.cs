namespace AkLight.Producer;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        Usage:
          AkLight.Producer send --topic T [--key K] [--count N] [--message TEXT]
                                [--header name=value ...] [--broker host:port ...]
          AkLight.Producer --help

        send    Publishes messages to topic T. With --message, sends TEXT N times (default 1);
                without it, sends one message per line of standard input (at most N lines).
                Prints one JSON line per acknowledged message, in send order:
                {"topic":"T","partition":0,"offset":12}

        Options:
          --topic T            topic name (no + or # wildcards)
          --key K              UTF-8 key; messages with the same key go to the same partition
          --count N            how many times to send --message, or the most stdin lines to send
          --message TEXT       the payload (UTF-8)
          --header name=value  a header on every message (repeatable)
          --broker host:port   a broker gateway (repeatable); default: $AKLIGHT_BROKERS
                               (comma-separated), else 127.0.0.1:30000

        Exit codes: 0 all acknowledged, 1 other failure, 2 bad input, 3 broker unreachable or not acknowledging.
        """;
}
