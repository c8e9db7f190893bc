using System.Data.Common;

namespace AkLight.Storage;

/// <summary>
/// The records of one read, up to a byte budget: every store reads rows of
/// <c>offset, ts_ms, key, payload, headers</c> in offset order and stops here the same way.
/// </summary>
internal sealed class CappedRecords(int maxBytes)
{
    private readonly List<LogRecord> _records = [];
    private int _bytes;

    /// <summary>The records taken so far, in offset order.</summary>
    public IReadOnlyList<LogRecord> Records => _records;

    /// <summary>
    /// Takes the reader's current row unless it would pass the budget; the first row is always taken, so a
    /// record larger than the budget is still read (alone) rather than never.
    /// </summary>
    public bool TryTake(DbDataReader row)
    {
        var record = new LogRecord(row.GetInt64(0), row.GetInt64(1), Bytes(row, 2), Bytes(row, 3), Bytes(row, 4));
        if (_records.Count > 0 && _bytes + record.Size > maxBytes) return false;
        _records.Add(record);
        _bytes += record.Size;
        return true;
    }

    private static byte[]? Bytes(DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetFieldValue<byte[]>(column);
}
