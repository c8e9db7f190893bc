using AkLight.Producer.Events;

namespace AkLight.Parts.Tests.Events;

public sealed class EventStreamPositionTests
{
    private const long T = 1629574701_000000000;

    private static EngineEvent Event(long timeNano, string action = "die", string id = DockerEventSamples.Id) => new(timeNano, id, action, null);

    [Fact]
    public void Before_any_event_there_is_no_since_and_then_it_is_the_newest_events_time_to_the_nanosecond()
    {
        var position = new EventStreamPosition();
        Assert.Null(position.Since);

        position.IsNew(Event(T + 7));
        position.IsNew(Event(T + 5, "start")); // a hair out of order: the newest stays

        Assert.Equal("1629574701.000000007", position.Since);
    }

    [Fact]
    public void What_a_reconnection_reads_again_is_refused_and_what_is_new_passes()
    {
        var position = new EventStreamPosition();
        Assert.True(position.IsNew(Event(T, "kill")));
        Assert.True(position.IsNew(Event(T, "die"))); // same nanosecond, another action
        Assert.True(position.IsNew(Event(T, "die", id: "other")));

        // The engine takes since as inclusive: everything of that nanosecond comes again.
        Assert.False(position.IsNew(Event(T, "kill")));
        Assert.False(position.IsNew(Event(T, "die")));
        Assert.False(position.IsNew(Event(T, "die", id: "other")));
        Assert.True(position.IsNew(Event(T + 1, "start")));
    }

    [Fact]
    public void It_remembers_only_the_last_moments()
    {
        var position = new EventStreamPosition();
        position.IsNew(Event(T));
        position.IsNew(Event(T + EventStreamPosition.Margin.Ticks * 100 * 2, "start"));

        // Long before the newest: no engine sends it again for this since, so it is not kept.
        Assert.True(position.IsNew(Event(T)));
    }
}
