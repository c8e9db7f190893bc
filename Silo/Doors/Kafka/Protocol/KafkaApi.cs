namespace AkLight.Silo.Doors.Kafka.Protocol;

/// <summary>
/// The base of a request type: its key and the versions it speaks, declared once where the class names its base
/// (<c>: KafkaApi(KafkaApiKey.Heartbeat, 0, 3)</c>), so a request type's code is only how it answers.
/// </summary>
public abstract class KafkaApi(KafkaApiKey key, short minVersion, short maxVersion) : IKafkaApi
{
    public KafkaApiKey Key => key;

    public short MinVersion => minVersion;

    public short MaxVersion => maxVersion;

    public virtual short FlexibleFrom => short.MaxValue;

    public abstract Task<bool> HandleAsync(KafkaRequest request, KafkaWriter response);
}
