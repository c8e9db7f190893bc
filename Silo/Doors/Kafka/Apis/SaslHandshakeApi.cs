namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// SaslHandshake v0-v1: PLAIN, and SCRAM-SHA-256 on a silo with principals; their tokens then come in SaslAuthenticate requests. v0 is
/// advertised because librdkafka looks for it, but its unframed tokens are not spoken: clients since Kafka 1.0
/// send SaslAuthenticate whenever the broker lists it.
/// </summary>
public sealed class SaslHandshakeApi() : KafkaApi(KafkaApiKey.SaslHandshake, 0, 1)
{
    public const string Plain = "PLAIN";

    public const string ScramSha256 = "SCRAM-SHA-256";

    public override Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var mechanism = request.Body.String();
        var supported = mechanism is Plain or ScramSha256;
        if (supported) request.Connection.SaslMechanism = mechanism;
        response.Int16((short)(supported ? KafkaErrorCode.None : KafkaErrorCode.UnsupportedSaslMechanism));
        response.Array([Plain, ScramSha256], (w, m) => w.String(m));
        return Task.FromResult(true);
    }
}
