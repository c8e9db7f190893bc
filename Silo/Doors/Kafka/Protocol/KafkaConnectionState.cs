using System.Net;

namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>What one connection has established so far: who is on it, once SASL has said so.</summary>
public sealed class KafkaConnectionState(EndPoint? remote, Principal? principal, bool tls = false)
{
    public EndPoint? Remote { get; } = remote;

    /// <summary>True on the TLS listener: Metadata and FindCoordinator then point the client at the TLS port.</summary>
    public bool Tls { get; } = tls;

    /// <summary>The authenticated principal (anonymous when the broker has no principals); null before SASL.</summary>
    public Principal? Principal { get; set; } = principal;

    /// <summary>The mechanism SaslHandshake chose, which SaslAuthenticate then speaks.</summary>
    public string? SaslMechanism { get; set; }

    /// <summary>A SCRAM exchange under way (its second round needs the first's messages).</summary>
    public Apis.ScramExchange? Scram { get; set; }

    /// <summary>The order this connection's produce requests keep: per partition (<see cref="PartitionAppendOrder"/>).</summary>
    public PartitionAppendOrder Appends { get; } = new();

    /// <summary>The principal, or an error for a request that slipped past the authentication gate.</summary>
    public Principal RequirePrincipal() => Principal ?? throw new AuthenticationRequiredException("authenticate with SASL/PLAIN first");
}
