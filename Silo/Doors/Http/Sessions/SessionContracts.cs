using AkLight.Silo.Doors.Http.Json;

namespace AkLight.Silo.Doors.Http.Sessions;

/// <summary>A session to open (<c>ConsumerSession.OpenAsync</c>).</summary>
/// <param name="Id">The session id; left out, one is made up. A persistent session is resumed by opening its id again.</param>
/// <param name="Filters">One or more topic filters, with <c>+</c> and <c>#</c>.</param>
/// <param name="Persistent">Keep committed offsets across consumer and broker restarts. Default false.</param>
/// <param name="From">Where partitions without a committed offset start: <c>latest</c> (default), <c>earliest</c> or an ISO-8601 time.</param>
public sealed record class OpenSessionRequest(string? Id, List<string>? Filters, bool? Persistent, string? From);

/// <summary>Fetched messages, in offset order within each partition; empty when none came within the wait.</summary>
public sealed record class FetchResponse(IReadOnlyList<MessageJson> Messages);

/// <summary>Offsets to commit, each the next offset to read; none (or no body) commits everything fetched so far.</summary>
public sealed record class CommitRequest(List<PartitionOffsetJson>? Offsets);

/// <summary>
/// Where to move: <c>topic</c>, <c>partition</c> and <c>offset</c> for one partition (<c>SeekAsync</c>), or <c>time</c>
/// (ISO 8601) for every subscribed partition, or only <c>topic</c>'s (<c>SeekToTimeAsync</c>).
/// </summary>
public sealed record class SeekRequest(string? Topic, int? Partition, long? Offset, string? Time);
