using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AkLight.Producer.Sending;

/// <summary>The payloads to send: the same one N times, or one per line of standard input.</summary>
internal static class MessageSource
{
    /// <summary>Lines read ahead of the sender; bounds memory when input is faster than the broker.</summary>
    private const int ReadAhead = 1024;

    /// <param name="fixedPayload">The payload of <c>--message</c> or <c>--payload-file</c>, or null to read stdin lines.</param>
    public static IAsyncEnumerable<byte[]> ReadAsync(SendOptions options, byte[]? fixedPayload, TextReader input, CancellationToken cancellationToken) =>
        fixedPayload is not null
            ? Repeat(fixedPayload, options.Count ?? 1, cancellationToken)
            : ReadLinesAsync(input, options.Count, cancellationToken).Select((line, index) => Payloads.FromText(line, options.Base64, $"line {index + 1}"));

    private static IAsyncEnumerable<byte[]> Repeat(byte[] payload, int count, CancellationToken cancellationToken) =>
        Enumerable.Repeat(payload, count).TakeWhile(_ => !cancellationToken.IsCancellationRequested).ToAsyncEnumerable();

    /// <summary>
    /// Lines of <paramref name="input"/>, at most <paramref name="limit"/>. A dedicated thread does the blocking
    /// reads, because reading the console cannot be cancelled: on Ctrl+C this stops at once instead of
    /// waiting for the next line.
    /// </summary>
    private static async IAsyncEnumerable<string> ReadLinesAsync(TextReader input, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        _ = Task.Factory.StartNew(() => Pump(input, limit, lines.Writer, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var reader = lines.Reader;
        while (true)
        {
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            if (!more) yield break;
            while (!cancellationToken.IsCancellationRequested && reader.TryRead(out var line)) yield return line;
        }
    }

    private static void Pump(TextReader input, int? limit, ChannelWriter<string> lines, CancellationToken cancellationToken)
    {
        try
        {
            for (var read = 0; limit is null || read < limit; read++)
            {
                var line = input.ReadLine();
                if (line is null) break;
                while (!lines.TryWrite(line))
                {
                    if (!lines.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult()) return;
                }
            }
            lines.TryComplete();
        }
        catch (Exception error)
        {
            lines.TryComplete(error); // an unreadable input fails the send; a cancelled one just ends
        }
    }
}
