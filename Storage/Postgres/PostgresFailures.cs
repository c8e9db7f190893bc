using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace AkLight.Storage.Postgres;

/// <summary>
/// Turns what Npgsql throws into <see cref="StoreUnavailableException"/> with a message that names the store,
/// so a producer sees "PostgreSQL at db:5432 unreachable: ..." rather than a driver exception.
/// </summary>
public sealed class PostgresFailures
{
    private readonly string _endpoint;
    private readonly string _database;

    public PostgresFailures(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        _endpoint = PostgresStoreOptions.Endpoint(builder);
        _database = builder.Database ?? "(default)";
    }

    /// <summary>Runs <paramref name="work"/>, translating store failures; a cancellation the caller asked for passes through.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (Translate(operation, error, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <remarks>
    /// The translation carries the driver's message but not the driver's exception: it crosses grain calls,
    /// and Orleans cannot serialize Npgsql's exception types.
    /// </remarks>
    private StoreUnavailableException? Translate(string operation, Exception error, CancellationToken cancellationToken)
    {
        switch (error)
        {
            case StoreUnavailableException:
                return null;
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return null;
            case PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn } missing:
                return new StoreUnavailableException(
                    $"PostgreSQL at {_endpoint} cannot {operation}: database '{_database}' lacks the AKLight schema ({missing.MessageText}); apply sql/*.sql with sql/apply.sh");
            case PostgresException server when IsConnectionState(server.SqlState):
                return new StoreUnavailableException($"PostgreSQL at {_endpoint} unreachable: {server.MessageText} ({server.SqlState})");
            case PostgresException server:
                return new StoreUnavailableException($"PostgreSQL at {_endpoint} failed to {operation}: {server.MessageText} ({server.SqlState})");
            case NpgsqlException or SocketException or TimeoutException or IOException or OperationCanceledException:
                return new StoreUnavailableException($"PostgreSQL at {_endpoint} unreachable: {Describe(error)}");
            default:
                return error is DbException ? new StoreUnavailableException($"PostgreSQL at {_endpoint} failed to {operation}: {error.Message}") : null;
        }
    }

    /// <summary>Class 08 (connection exception), 57P01-03 (server shutting down / starting), 53300 (too many connections).</summary>
    private static bool IsConnectionState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;

    /// <summary>The exception's message followed by its inner causes ("Failed to connect to ...: Connection refused").</summary>
    private static string Describe(Exception error)
    {
        var text = error is OperationCanceledException ? "the operation timed out" : error.Message;
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
            if (!text.Contains(inner.Message, StringComparison.Ordinal)) text += ": " + inner.Message;
        return text;
    }
}
