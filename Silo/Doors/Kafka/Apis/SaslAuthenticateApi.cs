using System.Net;
using System.Text;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// SaslAuthenticate v0-v1 for PLAIN (RFC 4616: authorization id, user name and password, separated by NUL): the
/// user name is the principal and the password its key's secret (or the whole key), checked by <see cref="AccessPolicy"/>;
/// and for SCRAM-SHA-256 (two rounds, <see cref="ScramExchange"/>), the password being the key's secret.
/// </summary>
public sealed class SaslAuthenticateApi(AccessPolicy policy) : KafkaApi(KafkaApiKey.SaslAuthenticate, 0, 1)
{
    public override async Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var token = request.Body.Bytes();
        var connection = request.Connection;
        var (error, message, answer) = connection.SaslMechanism switch
        {
            SaslHandshakeApi.Plain => await AuthenticateAsync(connection, token),
            SaslHandshakeApi.ScramSha256 => Scram(connection, token.Span),
            _ => (KafkaErrorCode.IllegalSaslState, "send SaslHandshake with mechanism PLAIN or SCRAM-SHA-256 first", []),
        };
        response.Int16((short)error);
        response.String(message);
        response.Bytes(answer);
        if (request.Version >= 1) response.Int64(0); // session lifetime: no re-authentication needed
        return true;
    }

    private async Task<(KafkaErrorCode, string?, byte[])> AuthenticateAsync(KafkaConnectionState connection, ReadOnlyMemory<byte> token)
    {
        var parts = Encoding.UTF8.GetString(token.Span).Split('\0');
        if (parts.Length != 3) return (KafkaErrorCode.SaslAuthenticationFailed, "a PLAIN token is authzid NUL user NUL password", []);
        try
        {
            connection.Principal = await policy.AuthenticateAsync(parts[1], parts[2], AddressOf(connection));
            return (KafkaErrorCode.None, null, []);
        }
        catch (AuthenticationRequiredException error)
        {
            return (KafkaErrorCode.SaslAuthenticationFailed, error.Message, []);
        }
    }

    private (KafkaErrorCode, string?, byte[]) Scram(KafkaConnectionState connection, ReadOnlySpan<byte> token)
    {
        connection.Scram ??= new ScramExchange(policy, AddressOf(connection));
        try
        {
            var answer = connection.Scram.Answer(Encoding.UTF8.GetString(token));
            if (connection.Scram.Authenticated is { } principal) connection.Principal = principal;
            return (KafkaErrorCode.None, null, Encoding.UTF8.GetBytes(answer));
        }
        catch (Exception error) when (error is AuthenticationRequiredException or FormatException)
        {
            connection.Scram = null;
            return (KafkaErrorCode.SaslAuthenticationFailed, error.Message, []);
        }
    }

    private static IPAddress? AddressOf(KafkaConnectionState connection) => (connection.Remote as IPEndPoint)?.Address;
}
