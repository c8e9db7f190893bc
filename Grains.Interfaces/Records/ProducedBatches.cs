namespace AkLight.Records;

/// <summary>
/// What a partition checks of a batch a producer sent before it takes it: anyone who may produce can send bytes, so
/// nothing of a batch is trusted until it is checked. The header (<see cref="RecordBatch.Check"/>), then every record:
/// its framing, offsets 0, 1, 2… from the base (a producer's batch has no gaps), header names and values in UTF-8, and
/// no record over the message limit. One pass over the bytes; a batch that passes reads back without surprises.
/// </summary>
public static class ProducedBatches
{
    /// <summary>
    /// Throws <see cref="InvalidRecordBatchException"/> naming what is wrong, or <see cref="MessageTooLargeException"/>
    /// for a record over <paramref name="maxMessageBytes"/>; returns the bytes the records count for.
    /// </summary>
    public static long Check(RecordBatch batch, int maxMessageBytes)
    {
        if (batch.Bytes is null) throw new InvalidRecordBatchException("a produce batch carries no bytes");
        try
        {
            RecordBatch.Check(batch.Bytes);
            if (batch.RecordCount == 0) throw new InvalidDataException("a produce batch needs at least one record");
            var index = 0;
            long bytes = 0;
            var end = RecordBatchLayout.HeaderSize;
            foreach (var record in batch)
            {
                if (record.Offset != batch.BaseOffset + index)
                    throw new InvalidDataException($"record {index} has offset delta {record.Offset - batch.BaseOffset}; a producer's records are numbered 0, 1, 2…");
                var (headersEnd, headerBytes) = record.CheckHeaders();
                if (headersEnd != record.End) throw new InvalidDataException($"record {index} has {record.End - headersEnd} bytes after its headers");
                var size = Math.Max(0, record.KeyLength) + Math.Max(0, record.ValueLength) + headerBytes; // the record's Size, from this one walk
                if (size > maxMessageBytes) throw new MessageTooLargeException(size, maxMessageBytes);
                bytes += size;
                end = record.End;
                index++;
            }
            if (batch.LastOffset != batch.BaseOffset + index - 1)
                throw new InvalidDataException($"the batch says its last offset delta is {batch.LastOffset - batch.BaseOffset}, it has {index} records");
            if (end != batch.SizeInBytes) throw new InvalidDataException($"{batch.SizeInBytes - end} bytes follow the last record");
            return bytes;
        }
        catch (InvalidDataException error)
        {
            throw new InvalidRecordBatchException(error.Message);
        }
    }
}
