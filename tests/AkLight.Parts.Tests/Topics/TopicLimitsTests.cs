using AkLight.Grains.Topics;
using AkLight.Storage.Sqlite;

namespace AkLight.Parts.Tests.Topics;

/// <summary>
/// The broker-wide topic limit against a real embedded catalog: the cheap running estimate may run high (a creation
/// in flight when the catalog was counted is counted again when it completes), so a topic is refused only on an
/// exact count.
/// </summary>
public sealed class TopicLimitsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aklight-limits-").FullName;
    private SqliteDatabase _database = null!;
    private SqliteTopicCatalog _catalog = null!;

    public Task InitializeAsync()
    {
        _database = new SqliteDatabase(Path.Combine(_folder, "aklight.db"));
        _catalog = new SqliteTopicCatalog(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

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
