using AkLight.Storage.Postgres;

namespace AkLight.Cluster.PostgresTests.Storage;

/// <summary><see cref="PostgresTopicCatalog"/> against a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTopicCatalogTests(PostgresFixture postgres) : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private PostgresTopicCatalog _catalog = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("catalog"));
        _catalog = new PostgresTopicCatalog(_dataSource, new PostgresFailures(_dataSource));
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task A_created_topic_reads_back_with_its_settings_and_creating_it_again_keeps_the_first_row()
    {
        var created = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        var stored = await _catalog.CreateTopicAsync(TopicName.Parse("metrics/host-1/cpu"), new TopicSettings(4, TimeSpan.FromHours(1)), created);

        Assert.Equal(new TopicInfo("metrics/host-1/cpu", 4, TimeSpan.FromHours(1), created), stored.Info);
        Assert.Equal(stored, await _catalog.GetTopicAsync("metrics/host-1/cpu"));

        var again = await _catalog.CreateTopicAsync(TopicName.Parse("metrics/host-1/cpu"), new TopicSettings(8, TimeSpan.FromHours(2)), created.AddDays(1));
        Assert.Equal(stored, again);
        Assert.Null(await _catalog.GetTopicAsync("metrics/host-2/cpu"));
    }

    [Fact]
    public async Task Topics_are_listed_by_first_level_and_retention_can_change()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var a = await _catalog.CreateTopicAsync(TopicName.Parse("metrics/a"), new TopicSettings(1, TimeSpan.FromMinutes(5)), now);
        var b = await _catalog.CreateTopicAsync(TopicName.Parse("metrics/b"), new TopicSettings(2, TimeSpan.FromMinutes(5)), now);
        await _catalog.CreateTopicAsync(TopicName.Parse("alerts/disk"), new TopicSettings(1, TimeSpan.FromDays(7)), now);
        Assert.NotEqual(a.Id, b.Id);

        Assert.Equal(["metrics/a", "metrics/b"], (await _catalog.ListTopicsAsync("metrics")).Order());
        Assert.Equal(["alerts", "metrics"], (await _catalog.ListFirstLevelsAsync()).Order());
        Assert.Empty(await _catalog.ListTopicsAsync("logs"));

        await _catalog.UpdateRetentionAsync("metrics/b", TimeSpan.FromSeconds(90));
        Assert.Equal(TimeSpan.FromSeconds(90), (await _catalog.GetTopicAsync("metrics/b"))!.Info.Retention);
    }
}
