using System.Net;
using Microsoft.AspNetCore.Connections;
using Orleans.Configuration;

namespace AkLight.Silo.Transport;

/// <summary>
/// The gateway port's first line, before Orleans reads a byte: connections over <see cref="GatewayGuardOptions"/>'
/// caps are closed at once, and one that sends nothing within the handshake timeout is closed (a client's first
/// bytes are Orleans' preamble, or TLS's hello). What a connection may then call, its key decides per call.
/// </summary>
public static partial class GatewayConnectionGuard
{
    /// <summary>Puts the guard in front of the gateway's other connection middleware (TLS among them): call it first.</summary>
    public static ISiloBuilder AddGatewayConnectionGuard(this ISiloBuilder silo)
    {
        silo.Services.AddValidatedOptions<GatewayGuardOptions>(GatewayGuardOptions.Section);
        silo.Services.AddOptions<SiloConnectionOptions>().Configure<IOptions<GatewayGuardOptions>, ILoggerFactory>((connections, settings, loggers) =>
        {
            var options = settings.Value;
            var limiter = new ConnectionLimiter(options.MaxConnections, options.MaxConnectionsPerAddress);
            var logger = loggers.CreateLogger(typeof(GatewayConnectionGuard).FullName!);
            connections.ConfigureGatewayInboundConnection(builder => builder.Use(next => context => GuardAsync(context, next, limiter, options, logger)));
        });
        return silo;
    }

    private static async Task GuardAsync(ConnectionContext context, ConnectionDelegate next, ConnectionLimiter limiter, GatewayGuardOptions options, ILogger logger)
    {
        var remote = (context.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (!limiter.TryAdmit(remote, out var lease))
        {
            LogRefused(logger, remote, options.MaxConnections, options.MaxConnectionsPerAddress);
            context.Abort(new ConnectionAbortedException("too many gateway connections"));
            return;
        }
        using (lease)
        {
            if (!await SpeaksWithinAsync(context, options.HandshakeTimeout))
            {
                LogSilent(logger, remote, options.HandshakeTimeout);
                context.Abort(new ConnectionAbortedException("no handshake"));
                return;
            }
            await next(context);
        }
    }

    /// <summary>Waits for the connection's first bytes without taking them, so Orleans reads them as sent.</summary>
    private static async Task<bool> SpeaksWithinAsync(ConnectionContext context, TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed);
        limit.CancelAfter(timeout);
        try
        {
            var read = await context.Transport.Input.ReadAsync(limit.Token);
            context.Transport.Input.AdvanceTo(read.Buffer.Start, read.Buffer.Start);
            return !read.Buffer.IsEmpty;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway: refused a connection from {Remote}: at most {Max} connections, {PerAddress} per address (AkLight:Gateway)")]
    private static partial void LogRefused(ILogger logger, IPAddress remote, int max, int perAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway: closed a connection from {Remote} that sent nothing for {Timeout}")]
    private static partial void LogSilent(ILogger logger, IPAddress remote, TimeSpan timeout);
}
