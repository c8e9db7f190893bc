namespace AkLight.Silo.Doors.Kafka.Apis;

/// <summary>
/// InitProducerId v0-v1 for idempotent producers: a fresh random producer id at epoch 0. Transactional ids are
/// refused: AKLight has no transactions.
/// </summary>
public sealed class InitProducerIdApi() : KafkaApi(KafkaApiKey.InitProducerId, 0, 1)
{
    public override Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response)
    {
        var transactionalId = request.Body.NullableString();
        response.Int32(0); // throttle time
        response.Int16((short)(transactionalId is null ? KafkaErrorCode.None : KafkaErrorCode.TransactionalIdAuthorizationFailed));
        response.Int64(transactionalId is null ? KafkaProducerIds.New() : -1);
        response.Int16(transactionalId is null ? (short)0 : (short)-1);
        return Task.FromResult(true);
    }
}
