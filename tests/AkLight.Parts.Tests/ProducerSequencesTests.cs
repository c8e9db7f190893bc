namespace AkLight.Parts.Tests;

public sealed class ProducerSequencesTests
{
    private static TaskCompletionSource<long> Append(long offset)
    {
        var pending = new TaskCompletionSource<long>();
        if (offset >= 0) pending.SetResult(offset);
        return pending;
    }

    [Fact]
    public void Only_the_last_batch_of_a_producer_is_recognised_and_a_failed_attempt_is_not()
    {
        var sequences = new ProducerSequences(capacity: 10);
        var producer = Guid.NewGuid();
        var first = Append(-1); // still being written
        sequences.Record(producer, 0, first.Task);

        Assert.True(sequences.TryGetEarlierAttempt(producer, 0, out var earlier));
        Assert.Same(first.Task, earlier);
        Assert.False(sequences.TryGetEarlierAttempt(producer, 1, out _));
        Assert.False(sequences.TryGetEarlierAttempt(Guid.NewGuid(), 0, out _));

        first.SetException(new StoreUnavailableException("disk gone"));
        Assert.False(sequences.TryGetEarlierAttempt(producer, 0, out _)); // never stored: the retry is a new write
    }

    [Fact]
    public void Without_a_producer_id_nothing_is_remembered()
    {
        var sequences = new ProducerSequences(capacity: 10);
        sequences.Record(Guid.Empty, 0, Append(0).Task);
        Assert.Equal(0, sequences.Count);
        Assert.False(sequences.TryGetEarlierAttempt(Guid.Empty, 0, out _));
    }

    [Fact]
    public void Producers_heard_from_longest_ago_are_forgotten_beyond_the_capacity()
    {
        var sequences = new ProducerSequences(capacity: 10);
        var producers = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var producer in producers) sequences.Record(producer, 0, Append(0).Task);

        Assert.Equal(9, sequences.Count);
        Assert.False(sequences.TryGetEarlierAttempt(producers[0], 0, out _));
        Assert.False(sequences.TryGetEarlierAttempt(producers[1], 0, out _));
        Assert.True(sequences.TryGetEarlierAttempt(producers[10], 0, out _));
    }
}
