namespace AkLight.Parts.Tests.Topics;

/// <summary>
/// Which topic names a <see cref="TopicFilter"/> matches, against the examples of MQTT 3.1.1 / 5 §4.7 and edge cases
/// (empty levels, <c>$</c> topics and leading wildcards).
/// </summary>
public class TopicFilterMatchingTests
{
    [Theory]
    // §4.7.1.2: multi-level wildcard
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("#", "sport", true)]
    [InlineData("#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/#", "sport/tennis", true)]
    [InlineData("sport/tennis/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/#", "sport/tennis/player1/ranking", true)]
    // §4.7.1.3: single-level wildcard
    [InlineData("sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player2", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1/ranking", false)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("sport/+", "sport/", true)]
    [InlineData("+", "sport", true)]
    [InlineData("+", "sport/", false)]
    [InlineData("+/tennis/#", "sport/tennis", true)]
    [InlineData("+/tennis/#", "sport/tennis/player1", true)]
    [InlineData("+/tennis/#", "sport/golf", false)]
    [InlineData("sport/+/player1", "sport/tennis/player1", true)]
    [InlineData("sport/+/player1", "sport/golf/player1", true)]
    [InlineData("sport/+/player1", "sport/tennis/player2", false)]
    [InlineData("sport/+/player1", "sport/player1", false)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    // §4.7.3: case sensitive; leading '/' is distinct
    [InlineData("ACCOUNTS", "ACCOUNTS", true)]
    [InlineData("ACCOUNTS", "Accounts", false)]
    [InlineData("Accounts", "ACCOUNTS", false)]
    [InlineData("Accounts payable", "Accounts payable", true)]
    [InlineData("/finance", "/finance", true)]
    [InlineData("/finance", "finance", false)]
    [InlineData("finance", "/finance", false)]
    // edge cases: case sensitivity with wildcards
    [InlineData("Sport/#", "sport/tennis", false)]
    [InlineData("+/Tennis", "sport/tennis", false)]
    [InlineData("sport/+/PLAYER1", "sport/tennis/player1", false)]
    // edge cases: trailing slash
    [InlineData("sport/", "sport/", true)]
    [InlineData("sport/", "sport", false)]
    [InlineData("sport", "sport/", false)]
    [InlineData("sport/#", "sport/", true)]
    [InlineData("sport/+/#", "sport/", true)]
    [InlineData("sport/+/#", "sport", false)]
    [InlineData("+/+", "sport/", true)]
    [InlineData("+/", "sport/", true)]
    [InlineData("+/", "sport", false)]
    // edge cases: the topic "/" (two empty levels)
    [InlineData("+/+", "/", true)]
    [InlineData("#", "/", true)]
    [InlineData("/#", "/", true)]
    [InlineData("/+", "/", true)]
    [InlineData("+/#", "/", true)]
    [InlineData("/", "/", true)]
    [InlineData("+", "/", false)]
    [InlineData("+/+/+", "/", false)]
    [InlineData("//", "/", false)]
    [InlineData("/", "//", false)]
    [InlineData("/#", "//", true)]
    [InlineData("+/+/+", "//", true)]
    // edge cases: empty levels in the middle
    [InlineData("a/+/b", "a//b", true)]
    [InlineData("a//b", "a//b", true)]
    [InlineData("a/b", "a//b", false)]
    [InlineData("a/+", "a//b", false)]
    [InlineData("a/#", "a//b", true)]
    // edge cases: '#' matches its parent but not a sibling that merely shares a prefix
    [InlineData("a/#", "a", true)]
    [InlineData("a/#", "ab", false)]
    [InlineData("a/#", "ab/c", false)]
    [InlineData("a/b/#", "a", false)]
    [InlineData("a/+/#", "a", false)]
    [InlineData("a/+/#", "a/b", true)]
    // edge cases: prefixes of levels and of the whole topic
    [InlineData("a/b", "a/bc", false)]
    [InlineData("a/bc", "a/b", false)]
    [InlineData("a", "ab", false)]
    [InlineData("ab", "a", false)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    [InlineData("a/+", "a/b/c", false)]
    [InlineData("a/+/+", "a/b", false)]
    // edge cases: multi-byte characters
    [InlineData("caf\u00e9/+", "caf\u00e9/\u20ac", true)]
    [InlineData("\U0001F600/#", "\U0001F600", true)]
    [InlineData("+/\U0001F600", "x/\U0001F600", true)]
    [InlineData("caf\u00e9/+", "cafe/x", false)]
    public void Matches_FollowsMqttWildcardRules(string filter, string topic, bool matches)
    {
        var f = TopicFilter.Parse(filter);

        Assert.Equal(matches, f.Matches(TopicName.Parse(topic)));
        Assert.Equal(matches, f.Matches(topic));
    }

    [Theory]
    // §4.7.2: a filter starting with a wildcard does not match a topic starting with '$'
    [InlineData("#", "$SYS/monitor/Clients", false)]
    [InlineData("#", "$SYS", false)]
    [InlineData("#", "$", false)]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients", false)]
    [InlineData("+", "$SYS", false)]
    [InlineData("+/#", "$SYS/monitor", false)]
    [InlineData("+/+/+", "$SYS/monitor/Clients", false)]
    [InlineData("$SYS/#", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/#", "$SYS", true)]
    [InlineData("$SYS/monitor/Clients", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/+/Clients", "$SYS/monitor/Clients", true)]
    // edge cases: '$' only matters as the very first character of the topic
    [InlineData("#", "sport/$SYS", true)]
    [InlineData("+/+", "sport/$SYS", true)]
    [InlineData("#", "/$SYS", true)]
    [InlineData("/#", "/$SYS", true)]
    [InlineData("sport/+", "sport/$SYS", true)]
    // a literal first level that is not the '$' level simply does not match
    [InlineData("SYS/#", "$SYS/monitor", false)]
    [InlineData("$sys/#", "$SYS/monitor", false)]
    public void Matches_TopicsStartingWithDollarOnlyForFiltersNotStartingWithAWildcard(string filter, string topic, bool matches)
    {
        var f = TopicFilter.Parse(filter);

        Assert.Equal(matches, f.Matches(TopicName.Parse(topic)));
        Assert.Equal(matches, f.Matches(topic));
    }

    [Theory]
    [InlineData("sport")]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("a//b")]
    [InlineData("sport/tennis/player1/score/wimbledon")]
    [InlineData("sport/")]
    [InlineData("/finance")]
    [InlineData("\U0001F600")]
    public void Matches_HashAloneMatchesEveryTopicNotStartingWithDollar(string topic)
    {
        Assert.True(TopicFilter.Parse("#").Matches(TopicName.Parse(topic)));
    }

    [Theory]
    [InlineData("sport")]
    [InlineData("sport/tennis")]
    [InlineData("/")]
    [InlineData("$SYS/monitor")]
    [InlineData("Accounts payable")]
    public void Matches_AFilterWithoutWildcardsMatchesOnlyTheIdenticalName(string value)
    {
        var filter = TopicFilter.Parse(value);

        Assert.True(filter.Matches(TopicName.Parse(value)));
        Assert.False(filter.Matches(TopicName.Parse(value + "/")));
        Assert.False(filter.Matches(TopicName.Parse(value + "x")));
        Assert.False(filter.Matches(TopicName.Parse("x" + value)));
    }
}
