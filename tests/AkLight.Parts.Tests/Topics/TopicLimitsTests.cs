using AkLight.Grains.Topics;
using AkLight.Storage.Sqlite;
using AkLight.TestSupport.Storage;

namespace AkLight.Parts.Tests.Topics;

/// <summary>
/// The broker-wide topic limit against a real embedded catalog: the cheap running estimate may run high (a creation
/// in flight when the catalog was counted is counted again when it completes), so a topic is refused only on an
/// exact count.
/// </summary>
public sealed class TopicLimitsTests : IAsyncLifetime
{
    private readonly TempSqliteDatabase _store = new();
    private readonly SqliteTopicCatalog _catalog;

    public TopicLimitsTests() => _catalog = new SqliteTopicCatalog(_store.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    [Fact]
    public async Task An_estimate_over_the_limit_is_checked_by_an_exact_count_before_a_topic_is_refused()
    {
        var limits = new TopicLimits(_catalog, Microsoft.Extensions.Options.Options.Create(new LimitOptions { MaxTopics = 3 }), TimeProvider.System);
        var settings = new TopicSettings(1, TimeSpan.FromHours(1));
        await CreateAsync("a", "b");
        await limits.CheckAsync(settings, null); // counts the catalog: 2
        limits.Created();
        limits.Created(); // both already counted: the estimate (4) runs high

        await limits.CheckAsync(settings, null); // the exact count (2) lets the third topic in
        await CreateAsync("c");
        limits.Created(); // as the topic grain does after each creation

        var refused = await Assert.ThrowsAsync<LimitExceededException>(() => limits.CheckAsync(settings, null));
        Assert.Contains("MaxTopics", refused.Message);
    }

    private async Task CreateAsync(params string[] names)
    {
        foreach (var name in names)
            await _catalog.CreateTopicAsync(TopicName.Parse($"limits/{name}"), new TopicSettings(1, TimeSpan.FromHours(1)), DateTimeOffset.UtcNow);
    }
}
