using System.Net.Sockets;
using AkLight.Client.Connection;

namespace AkLight.CommandLine;

/// <summary>Connects to the broker, turning failures into the tool's usage and unreachable errors.</summary>
internal static class BrokerConnector
{
    public static async Task<BrokerConnection> ConnectAsync(IReadOnlyList<string> brokers, CancellationToken cancellationToken)
    {
        try
        {
            return await BrokerConnection.ConnectAsync(brokers, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException error)
        {
            throw new UsageException(ArgumentMessages.Of(error)); // a malformed host:port
        }
        catch (SocketException error)
        {
            throw new BrokerUnreachableException($"cannot resolve the broker address in {string.Join(", ", brokers)}: {error.Message}", error);
        }
        catch (AkLightException error)
        {
            throw new BrokerUnreachableException(error.Message, error); // names the addresses tried
        }
    }
}
