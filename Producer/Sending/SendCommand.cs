using System.Threading.Channels;
using AkLight.Client.Producing;
using BatchingProducer = AkLight.Client.Producing.Producer;

namespace AkLight.Producer.Sending;

/// <summary>
/// <c>send</c>: publishes messages through the batching producer. Every message is handed to the producer
/// as soon as it is read; a second loop awaits the acknowledgements in send order and prints them.
/// </summary>
internal static class SendCommand
{
    public static async Task<int> RunAsync(SendOptions options, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var producerOptions = new ProducerOptions();
        var headers = options.Headers.Count > 0 ? options.Headers : null;
        // A payload given once is read and checked before connecting: a bad file or message fails at once.
        var what = options.Message is not null ? "--message" : options.PayloadFile is not null ? "--payload-file" : null;
        var fixedPayload = options.Message is not null ? Payloads.FromText(options.Message, options.Base64, "--message")
            : options.PayloadFile is not null ? Payloads.FromFile(options.PayloadFile, options.Base64, StandardInput(input))
            : null;
        if (fixedPayload is not null) CheckSize(new ProduceRecord(options.Key, fixedPayload, headers), producerOptions, what!);

        await using var connection = await BrokerConnector.ConnectAsync(options.Brokers, cancellationToken).ConfigureAwait(false);
        var producer = new BatchingProducer(connection.Grains, producerOptions);
        var pending = Channel.CreateUnbounded<Task<DeliveryResult>>(new() { SingleReader = true, SingleWriter = true });
        var acknowledged = PrintAcksAsync(pending.Reader, new AckWriter(output));
        Exception? inputError = null;
        try
        {
            var line = 0;
            await foreach (var payload in MessageSource.ReadAsync(options, fixedPayload, input, cancellationToken).ConfigureAwait(false))
            {
                line++;
                var record = new ProduceRecord(options.Key, payload, headers);
                CheckSize(record, producerOptions, what ?? $"line {line}");
                pending.Writer.TryWrite(producer.ProduceAsync(options.Topic, record.Key, record.Payload, headers));
            }
        }
        catch (Exception readOrSize)
        {
            inputError = readOrSize; // stop reading; what was sent before is still acknowledged and printed
        }
        finally
        {
            pending.Writer.TryComplete();
        }

        var failure = await acknowledged.ConfigureAwait(false);
        await producer.DisposeAsync().ConfigureAwait(false);
        if (inputError is not null) return ErrorReport.Print(error, inputError);
        if (failure is null) return ExitCodes.Success;
        ErrorReport.Print(error, $"{failure.Count} message(s) not acknowledged: {failure.First.Message}");
        return ErrorReport.ExitCodeFor(failure.First);
    }

    /// <summary>Standard input as bytes (a binary payload must not pass through a text decoder).</summary>
    private static Stream StandardInput(TextReader input) =>
        input is StreamReader reader ? reader.BaseStream : ReferenceEquals(input, Console.In) ? Console.OpenStandardInput() : new MemoryStream(Encoding.UTF8.GetBytes(input.ReadToEnd()));

    private static void CheckSize(ProduceRecord record, ProducerOptions limits, string what)
    {
        if (record.SizeInBytes > limits.MaxMessageBytes)
            throw new UsageException($"{what}: {new MessageTooLargeException(record.SizeInBytes, limits.MaxMessageBytes).Message}");
    }

    /// <summary>Prints each acknowledgement in send order; returns the first failure and how many failed.</summary>
    private static async Task<DeliveryFailure?> PrintAcksAsync(ChannelReader<Task<DeliveryResult>> pending, AckWriter writer)
    {
        DeliveryFailure? failure = null;
        await foreach (var delivery in pending.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                writer.Write(await delivery.ConfigureAwait(false));
            }
            catch (Exception error)
            {
                failure = failure is null ? new DeliveryFailure(error, 1) : failure with { Count = failure.Count + 1 };
            }
        }
        return failure;
    }

    private sealed record class DeliveryFailure(Exception First, int Count);
}
