namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>FindCoordinator v0-v2: this silo coordinates every group the client asks about (see <see cref="KafkaNode"/>).</summary>
public sealed class FindCoordinatorApi(KafkaNode node) : KafkaApi(KafkaApiKey.FindCoordinator, 0, 2)
{
    public override Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        request.Body.String(); // the group
        var keyType = request.Version >= 1 ? request.Body.Int8() : 0;
        response.ThrottleTime(request, since: 1);
        var error = keyType == 0 ? KafkaErrorCode.None : KafkaErrorCode.CoordinatorNotAvailable; // transactions: none here
        response.Int16((short)error);
        if (request.Version >= 1) response.String(error == KafkaErrorCode.None ? null : "AKLight has no transaction coordinator");
        var broker = node.For(request.Connection);
        response.Int32(broker.NodeId);
        response.String(broker.Host);
        response.Int32(broker.Port);
        return Task.FromResult(true);
    }
}
