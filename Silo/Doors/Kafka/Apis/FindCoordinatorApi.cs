using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>FindCoordinator v0-v2: this silo coordinates every group the client asks about (see <see cref="KafkaNode"/>).</summary>
public sealed class FindCoordinatorApi(KafkaNode node) : IKafkaApi
{
    public KafkaApiKey Key => KafkaApiKey.FindCoordinator;

    public short MinVersion => 0;

    public short MaxVersion => 2;

    public Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        request.Body.String(); // the group
        var keyType = request.Version >= 1 ? request.Body.Int8() : 0;
        if (request.Version >= 1) response.Int32(0); // throttle time
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
