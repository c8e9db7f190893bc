using AkLight.Producer.Metrics.Docker;

namespace AkLight.Parts.Tests.Metrics;

public sealed class ContainerTrackerTests
{
    private static readonly ContainerIdentity Web = new("a1", "web-1");
    private static readonly ContainerIdentity Db = new("b2", "db-1");

    [Fact]
    public void A_container_gone_since_the_last_sample_is_reported_once()
    {
        var tracker = new ContainerTracker();

        Assert.Empty(tracker.Update([Web, Db]));
        Assert.Equal([Db], tracker.Update([Web]));
        Assert.Empty(tracker.Update([Web])); // announced once, then forgotten
        Assert.Empty(tracker.Update([Web, Db])); // back: nothing to announce
        Assert.Equal([Web, Db], tracker.Update([]));
    }
}
