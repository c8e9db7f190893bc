using System.Text;
using System.Text.Unicode;

namespace AkLight.Records;

/// <summary>
/// One record of a <see cref="RecordBatch"/>, as positions in the batch's bytes: nothing is copied until a door asks
/// for a field (<see cref="ToMessage"/>).
/// </summary>
public readonly struct BatchRecord
{
    internal BatchRecord(byte[] batch, long offset, long timestampMs, int start, int end, int keyAt, int keyLength, int valueAt, int valueLength, int headersAt, int headerCount)
    {
        Batch = batch;
        Offset = offset;
        TimestampMs = timestampMs;
        Start = start;
        End = end;
        KeyAt = keyAt;
        KeyLength = keyLength;
        ValueAt = valueAt;
        ValueLength = valueLength;
        HeadersAt = headersAt;
        HeaderCount = headerCount;
    }

    private byte[] Batch { get; }
    private int KeyAt { get; }
    private int ValueAt { get; }
    private int HeadersAt { get; }

    public long Offset { get; }

    public long TimestampMs { get; }

    /// <summary>Where the record (its length prefix included) starts and ends in the batch: what compaction copies.</summary>
    public int Start { get; }

    /// <inheritdoc cref="Start"/>
    public int End { get; }

    /// <summary>The key's length; -1 for no key.</summary>
    public int KeyLength { get; }

    /// <summary>The value's length; -1 for a tombstone.</summary>
    public int ValueLength { get; }

    public int HeaderCount { get; }

    public bool HasKey => KeyLength >= 0;

    public bool IsTombstone => ValueLength < 0;

    public ReadOnlySpan<byte> Key => KeyLength < 0 ? default : Batch.AsSpan(KeyAt, KeyLength);

    public ReadOnlySpan<byte> Value => ValueLength < 0 ? default : Batch.AsSpan(ValueAt, ValueLength);

    /// <summary>What the record counts for in reads bounded by bytes: key, value and header names and values.</summary>
    public int Size => Math.Max(0, KeyLength) + Math.Max(0, ValueLength) + HeaderSize();

    /// <summary>The record as consumers get it, copied out of the batch.</summary>
    public ConsumedMessage ToMessage(TopicPartition partition) => new(partition.Topic, partition.Partition, Offset,
        DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs), KeyLength < 0 ? null : Key.ToArray(), ValueLength < 0 ? null : Value.ToArray(), Headers());

    private List<MessageHeader>? Headers()
    {
        if (HeaderCount == 0) return null;
        var headers = new List<MessageHeader>(HeaderCount);
        var span = Batch.AsSpan();
        var at = HeadersAt;
        for (var i = 0; i < HeaderCount; i++)
        {
            var name = ReadText(span, ref at);
            var value = ReadText(span, ref at);
            headers.Add(new MessageHeader(name, value));
        }
        return headers;
    }

    /// <summary>
    /// Walks the headers once, as a partition checks a producer's record: every header has a name, and names and values
    /// are UTF-8 text (AKLight's header values are text). Returns where the headers end (at <see cref="End"/> in a
    /// well-formed record) and the bytes their names and values count for; allocates nothing.
    /// </summary>
    internal (int End, int Bytes) CheckHeaders()
    {
        var (at, bytes) = (HeadersAt, 0);
        for (var i = 0; i < HeaderCount; i++)
        {
            if (Field(ref at) is not { } name) throw new InvalidDataException("a record header has no name");
            var value = Field(ref at);
            if (!Utf8.IsValid(name.Span) || value is { } text && !Utf8.IsValid(text.Span))
                throw new InvalidDataException("a record header's name or value is not UTF-8 text: AKLight's header values are text");
            bytes += name.Length + (value?.Length ?? 0);
        }
        return (at, bytes);
    }

    /// <summary>A length-prefixed header field within the record; null for a length of -1.</summary>
    private ReadOnlyMemory<byte>? Field(ref int at)
    {
        var length = (int)Varints.Read(Batch.AsSpan(0, End), ref at);
        if (length < 0) return null;
        if (length > End - at) throw new InvalidDataException($"a record header claims {length} bytes, {End - at} are left in its record");
        var field = Batch.AsMemory(at, length);
        at += length;
        return field;
    }

    private int HeaderSize()
    {
        var (at, bytes) = (HeadersAt, 0);
        for (var i = 0; i < HeaderCount * 2; i++) bytes += Field(ref at)?.Length ?? 0;
        return bytes;
    }

    private static string ReadText(ReadOnlySpan<byte> span, ref int at)
    {
        var length = (int)Varints.Read(span, ref at);
        if (length <= 0) return "";
        var text = Encoding.UTF8.GetString(span.Slice(at, length));
        at += length;
        return text;
    }
}

/// <summary>Walks the records of a batch, checking each length against the bytes that are there.</summary>
public struct BatchRecordEnumerator
{
    private readonly byte[] _bytes;
    private readonly long _baseOffset;
    private readonly long _baseTimestamp;
    private readonly bool _logAppendTime;
    private readonly long _maxTimestamp;
    private int _left;
    private int _at;

    internal BatchRecordEnumerator(RecordBatch batch)
    {
        _bytes = batch.Bytes;
        _baseOffset = batch.BaseOffset;
        _baseTimestamp = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(_bytes.AsSpan(RecordBatchLayout.FirstTimestamp));
        _logAppendTime = (batch.Attributes & RecordBatchLayout.LogAppendTime) != 0;
        _maxTimestamp = batch.TimestampMs;
        _left = batch.RecordCount;
        _at = RecordBatchLayout.HeaderSize;
        Current = default;
    }

    public BatchRecord Current { get; private set; }

    public bool MoveNext()
    {
        if (_left <= 0) return false;
        _left--;
        var span = _bytes.AsSpan();
        var start = _at;
        var length = (int)Varints.Read(span, ref _at);
        var end = _at + length;
        if (length < 0 || end > span.Length) throw new InvalidDataException($"a record claims {length} bytes, {span.Length - _at} are left in its batch");
        span = span[..end];
        _at++; // attributes
        var timestampDelta = Varints.Read(span, ref _at);
        var offsetDelta = Varints.Read(span, ref _at);
        var keyLength = Field(span, out var keyAt);
        var valueLength = Field(span, out var valueAt);
        var headerCount = (int)Varints.Read(span, ref _at);
        if (headerCount < 0 || headerCount > end - _at) throw new InvalidDataException($"a record claims {headerCount} headers in {end - _at} bytes");
        Current = new BatchRecord(_bytes, _baseOffset + offsetDelta, _logAppendTime ? _maxTimestamp : _baseTimestamp + timestampDelta,
            start, end, keyAt, keyLength, valueAt, valueLength, _at, headerCount);
        _at = end;
        return true;
    }

    /// <summary>A length-prefixed field: its length (-1 for null), where it starts, and the position moved past it.</summary>
    private int Field(ReadOnlySpan<byte> span, out int at)
    {
        var length = (int)Varints.Read(span, ref _at);
        at = _at;
        if (length > span.Length - _at) throw new InvalidDataException($"a record field claims {length} bytes, {span.Length - _at} are left");
        if (length > 0) _at += length;
        return length;
    }
}
