namespace AkLight.Records;

/// <summary>
/// Where the fields of a record batch are: Kafka's record batch v2 (<c>DefaultRecordBatch</c>), big-endian, the unit
/// of AKLight's data path from a door to the store and back. See the design notes ("One record format") for why.
/// </summary>
public static class RecordBatchLayout
{
    /// <summary>int64: the offset of the batch's first record, written by the partition when it appends the batch.</summary>
    public const int BaseOffset = 0;

    /// <summary>int32: the bytes that follow this field.</summary>
    public const int Length = 8;

    /// <summary>int32: Kafka's leader epoch; AKLight writes 0.</summary>
    public const int PartitionLeaderEpoch = 12;

    /// <summary>int8: 2.</summary>
    public const int Magic = 16;

    /// <summary>uint32: CRC-32C of everything from <see cref="Attributes"/> to the end, so the base offset can change without it.</summary>
    public const int Crc = 17;

    /// <summary>int16: compression (bits 0–2), timestamp type (bit 3), transactional (4), control (5).</summary>
    public const int Attributes = 21;

    /// <summary>int32: the last record's offset minus the base offset (kept when compaction removes records).</summary>
    public const int LastOffsetDelta = 23;

    /// <summary>int64: Unix milliseconds of the first record.</summary>
    public const int FirstTimestamp = 27;

    /// <summary>int64: Unix milliseconds, the newest record's; with log-append time, every record's.</summary>
    public const int MaxTimestamp = 35;

    /// <summary>int64 producer id, int16 epoch, int32 base sequence: Kafka's idempotence fields (-1 when unused).</summary>
    public const int ProducerId = 43;

    /// <summary>int16, see <see cref="ProducerId"/>.</summary>
    public const int ProducerEpoch = 51;

    /// <summary>int32, see <see cref="ProducerId"/>.</summary>
    public const int BaseSequence = 53;

    /// <summary>int32: the records in the batch.</summary>
    public const int RecordCount = 57;

    /// <summary>Where the records start, and the size of an empty batch.</summary>
    public const int HeaderSize = 61;

    /// <summary>The bytes before <see cref="Length"/> counts: base offset and length.</summary>
    public const int LogOverhead = 12;

    /// <summary>The only record format the broker keeps.</summary>
    public const byte CurrentMagic = 2;

    /// <summary>Attribute bits of the compression codec (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd).</summary>
    public const short CompressionMask = 0x07;

    /// <summary>Attribute bit: timestamps are the broker's append time (<see cref="MaxTimestamp"/> for every record).</summary>
    public const short LogAppendTime = 0x08;

    /// <summary>Attribute bits of transactional and control batches, which AKLight does not keep.</summary>
    public const short TransactionalOrControl = 0x30;
}
