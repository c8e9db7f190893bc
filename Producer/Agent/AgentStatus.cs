namespace AkLight.Producer.Agent;

/// <summary>
/// The agent's one-line reports on standard error: what it samples, when delivery fails and resumes (with
/// what is buffered and dropped), sampling problems, and how it stopped. Repeated failures print once.
/// </summary>
internal sealed class AgentStatus(TextWriter output)
{
    private readonly object _gate = new();
    private string? _samplingProblem;
    private string? _eventsProblem;

    /// <param name="followsEvents">Whether the agent follows the Docker Engine's container events: said once here, so a log shows it.</param>
    public void Started(AgentOptions options, string source, bool followsEvents) =>
        Write($"agent: producer '{options.ProducerId}', host '{options.Host}', every {Seconds(options.Interval)} s, buffer {options.BufferCapacity} messages, {(options.Mqtt is { } door ? $"MQTT door {door}" : $"brokers {string.Join(", ", options.Brokers)}")}; sampling {source}; " +
            (followsEvents ? "following container events" : "no container events (no Docker Engine)"));

    /// <summary>The event stream is open: from now on (<paramref name="since"/> null), or again from the newest event read.</summary>
    public void EventsFollowing(string? since)
    {
        lock (_gate) _eventsProblem = null;
        Write(since is null ? "agent: following container events" : $"agent: following container events again, since {since}");
    }

    /// <summary>The event stream broke or could not be opened; reported once until it is open again.</summary>
    public void EventsInterrupted(string reason)
    {
        lock (_gate)
        {
            if (_eventsProblem == reason) return;
            _eventsProblem = reason;
        }
        Write($"agent: container events interrupted, reconnecting: {reason}");
    }

    /// <summary>Something the operator should know that does not stop the agent.</summary>
    public void Warning(string message) => Write($"agent: warning: {message}");

    public void Connected(IReadOnlyList<string> brokers) => Write($"agent: delivering to {string.Join(", ", brokers)}");

    public void DeliveryFailing(string reason, int buffered, long dropped) =>
        Write($"agent: delivery failing, buffering ({buffered} buffered, {dropped} dropped): {reason}");

    public void DeliveryResumed(TimeSpan outage, int buffered, long dropped) =>
        Write($"agent: delivery resumed after {Seconds(outage)} s ({buffered} still buffered, {dropped} dropped)");

    public void Rejected(int count, string reason) => Write($"agent: warning: {count} message(s) refused by the broker and dropped: {reason}");

    /// <summary>Reports a failed sample, once until sampling works again.</summary>
    public void SamplingFailed(string reason)
    {
        lock (_gate)
        {
            if (_samplingProblem == reason) return;
            _samplingProblem = reason;
        }
        Write($"agent: sampling failing: {reason}");
    }

    public void SamplingWorks()
    {
        lock (_gate)
        {
            if (_samplingProblem is null) return;
            _samplingProblem = null;
        }
        Write("agent: sampling works again");
    }

    public void Stopped(int undelivered, long dropped) =>
        Write(undelivered == 0
            ? $"agent: stopped, everything sampled was delivered ({dropped} dropped while the broker was unreachable)"
            : $"agent: stopped with {undelivered} message(s) undelivered ({dropped} dropped while the broker was unreachable)");

    private void Write(string line)
    {
        var oneLine = string.Join(' ', line.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        lock (_gate)
        {
            output.WriteLine(oneLine);
            output.Flush();
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
