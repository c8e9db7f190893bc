namespace AkLight;

/// <summary>
/// Records bound for one partition, sent in one grain call. Immutable, so Orleans passes it
/// without a deep copy inside a silo.
/// </summary>
[GenerateSerializer, Immutable, Alias("AkLight.ProduceBatch")]
public sealed record class ProduceBatch([property: Id(0)] ProduceRecord[] Records);
