using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;

namespace AkLight.Silo.Doors.Kafka;

/// <summary>
/// One client connection: reads size-prefixed requests, answers several at once (a long-polling fetch does not
/// hold up a produce, and produce requests keep their order per partition, not per connection:
/// <see cref="PartitionAppendOrder"/>), and writes the responses in request order, as the protocol requires. Authentication
/// requests are answered before the next request is read, since what follows depends on them. With a
/// <c>certificate</c>, the connection is TLS (Kafka's SSL): the handshake comes first. Until a broker with
/// principals knows who is on the connection, requests are small (<c>MaxUnauthenticatedRequestBytes</c>) and
/// the connection must authenticate within <c>AuthenticationTimeout</c>: an unknown client holds little.
/// </summary>
internal sealed partial class KafkaConnection(Socket socket, X509Certificate2? certificate, KafkaApis apis, AccessPolicy policy, KafkaOptions options, ILogger logger)
{
    /// <summary>A client that connects and never completes its TLS handshake is dropped after this.</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    private readonly KafkaConnectionState _state = new(socket.RemoteEndPoint, policy.RequiresAuthentication ? null : Principal.Anonymous, certificate is not null);

    public async Task RunAsync(CancellationToken stopping)
    {
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        await using var network = new NetworkStream(socket, ownsSocket: true);
        await using Stream stream = certificate is null ? network : new SslStream(network, leaveInnerStreamOpen: false);
        var responses = Channel.CreateBounded<Task<KafkaWriter?>>(options.MaxInFlightPerConnection);
        var writing = WriteResponsesAsync(stream, responses.Reader, closing);
        using var authenticating = CloseUnlessAuthenticated(closing);
        try
        {
            if (stream is SslStream tls) await HandshakeAsync(tls, closing.Token);
            var size = new byte[4];
            while (await ReadExactlyOrEndAsync(stream, size, closing.Token))
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(size);
                CheckLength(length);
                var frame = new byte[length];
                await stream.ReadExactlyAsync(frame, closing.Token);
                var answer = AnswerAsync(frame);
                await responses.Writer.WriteAsync(answer, closing.Token);
                if (KafkaRequests.MustFinishFirst(frame))
                {
                    await answer.ContinueWith(_ => { }, TaskScheduler.Default);
                    if (answer.IsFaulted) break; // the writer reports it and closes the connection
                }
            }
        }
        catch (OperationCanceledException) when (authenticating?.IsCancellationRequested == true && _state.Principal is null && !stopping.IsCancellationRequested)
        {
            LogAuthenticationTimeout(logger, _state.Remote, options.AuthenticationTimeout);
        }
        catch (Exception error) when (error is IOException or OperationCanceledException or SocketException or EndOfStreamException or System.Security.Authentication.AuthenticationException)
        {
            // The client went away (or failed its TLS handshake), or the silo is stopping.
        }
        catch (Exception error) when (error is KafkaProtocolException or RequestRefusedException)
        {
            LogProtocolError(logger, _state.Remote, error.Message);
        }
        finally
        {
            responses.Writer.TryComplete();
            await writing;
        }
    }

    /// <summary>
    /// Refuses a frame of impossible size, or (before authentication) one larger than any authentication request,
    /// before anything is allocated for it.
    /// </summary>
    private void CheckLength(int length)
    {
        if (_state.Principal is null && (length < 8 || length > options.MaxUnauthenticatedRequestBytes))
            throw new KafkaProtocolException($"a request of {length} bytes before authentication is outside 8 to {options.MaxUnauthenticatedRequestBytes} ({KafkaOptions.Section}:MaxUnauthenticatedRequestBytes)");
        if (length < 8 || length > options.MaxRequestBytes)
            throw new KafkaProtocolException($"a request of {length} bytes is outside 8 to {options.MaxRequestBytes} ({KafkaOptions.Section}:MaxRequestBytes)");
    }

    /// <summary>
    /// On a broker with principals, closes the connection when it has not authenticated in time; null otherwise.
    /// Disposing it (when the connection ends) stops the clock.
    /// </summary>
    private CancellationTokenSource? CloseUnlessAuthenticated(CancellationTokenSource closing)
    {
        if (_state.Principal is not null) return null;
        var clock = new CancellationTokenSource(options.AuthenticationTimeout);
        clock.Token.Register(() =>
        {
            if (_state.Principal is null) closing.Cancel();
        });
        return clock;
    }

    private async Task<KafkaWriter?> AnswerAsync(byte[] frame)
    {
        var (request, api) = KafkaRequests.Parse(frame, apis, _state);
        var response = new KafkaWriter();
        var sizeAt = response.ReserveInt32();
        response.Int32(request.CorrelationId);
        // ApiVersions answers with the v0 response header whatever its version, so clients can always read it.
        if (request.Version >= api.FlexibleFrom && request.Key != KafkaApiKey.ApiVersions) response.NoTaggedFields();
        if (!await api.HandleAsync(request, response)) return null;
        response.PatchInt32(sizeAt, response.Length - 4);
        return response;
    }

    private async Task WriteResponsesAsync(Stream stream, ChannelReader<Task<KafkaWriter?>> responses, CancellationTokenSource closing)
    {
        try
        {
            await foreach (var pending in responses.ReadAllAsync())
            {
                var response = await pending;
                if (response is not null) await stream.WriteAsync(response.Written, closing.Token);
            }
        }
        catch (Exception error)
        {
            if (error is KafkaProtocolException or RequestRefusedException) LogProtocolError(logger, _state.Remote, error.Message);
            else if (error is not (IOException or OperationCanceledException or SocketException)) LogFailure(logger, _state.Remote, error);
            await closing.CancelAsync(); // a request without an answer ends the connection: the client then retries elsewhere
            while (responses.TryRead(out _)) { }
        }
    }

    private async Task HandshakeAsync(SslStream tls, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(HandshakeTimeout);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, limit.Token);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka client {Remote}: {Problem}; closing the connection")]
    private static partial void LogProtocolError(ILogger logger, System.Net.EndPoint? remote, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka client {Remote}: not authenticated within {Timeout}; closing the connection")]
    private static partial void LogAuthenticationTimeout(ILogger logger, System.Net.EndPoint? remote, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka client {Remote}: a request failed; closing the connection")]
    private static partial void LogFailure(ILogger logger, System.Net.EndPoint? remote, Exception error);

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0) return false;
        if (read < buffer.Length) throw new EndOfStreamException();
        return true;
    }
}
