using Microsoft.Data.Sqlite;

namespace AkLight.Storage.Sqlite;

/// <summary>
/// Turns what SQLite throws on a write into <see cref="StoreUnavailableException"/> with a message that says what
/// happened in the operator's terms ("store full"), and tells the writer when its connection must be reopened.
/// </summary>
internal static class SqliteFailures
{
    // Primary result codes (the extended code's low byte): https://sqlite.org/rescode.html
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int ReadOnly = 8;
    private const int NotADatabase = 26;

    public static StoreUnavailableException Translate(string path, Exception error) => error switch
    {
        StoreUnavailableException known => known,
        SqliteException { SqliteErrorCode: var code } when (code & 0xff) == Full => new StoreUnavailableException(
            $"the embedded store is full: no space left for {path} ({error.Message}); nothing of the failed batch was stored, and appends resume once space is freed"),
        SqliteException { SqliteErrorCode: var code } when IsDiskFault(code) => new StoreUnavailableException(
            $"the embedded store at {path} cannot write: {error.Message}; nothing of the failed batch was stored"),
        _ => new StoreUnavailableException($"the embedded store at {path} could not commit: {error.Message}"),
    };

    /// <summary>
    /// After these the connection may be unusable (a file handle in error, a journal it cannot roll back): the
    /// writer opens a new one rather than fail every later write on the old.
    /// </summary>
    public static bool NeedsNewConnection(Exception error) =>
        error is not SqliteException { SqliteErrorCode: var code } || IsDiskFault(code) || (code & 0xff) == Full;

    private static bool IsDiskFault(int code) => (code & 0xff) is IoError or Corrupt or CantOpen or ReadOnly or NotADatabase;
}
