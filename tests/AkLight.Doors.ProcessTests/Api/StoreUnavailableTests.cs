using Microsoft.Data.Sqlite;

namespace AkLight.Doors.ProcessTests.Api;

/// <summary>503 when the store cannot take writes, and back to normal when it can again.</summary>
public sealed class StoreUnavailableTests
{
    [Fact]
    public async Task Writes_answer_503_while_the_store_is_locked_and_succeed_after()
    {
        await using var silo = await SiloServer.StartAsync(["AkLight:Service:ProduceTimeout=00:00:02"]);
        using var http = silo.CreateClient();
        var topic = Names.Unique("store") + "/t";

        // Another process holding SQLite's write lock: the silo's writer waits out its busy timeout, then gives up.
        await using (var holder = new SqliteConnection($"Data Source={silo.DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }
            var clock = Stopwatch.StartNew();
            using var refused = await http.PostJsonAsync("api/produce", new { topic, payload = "x" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(55), $"the 503 took {clock.Elapsed}");
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        using var stored = await http.PostJsonAsync("api/produce", new { topic, payload = "y" });
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }
}
