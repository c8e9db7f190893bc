namespace AkLight.UnitTests;

/// <summary>
/// <see cref="TopicFilter"/> against MQTT 3.1.1 / 5 §4.7: every example of §4.7.1.2 (multi-level
/// wildcard), §4.7.1.3 (single-level wildcard), §4.7.2 (topics beginning with $) and §4.7.3 (semantic
/// and usage), plus edge cases. Strings holding U+0000 or lone surrogates are built inside the tests.
/// </summary>
public class TopicFilterTests
{
    private const int MaxBytes = 65535;

    // ---- validity -------------------------------------------------------------------------------

    [Theory]
    // §4.7.1.2
    [InlineData("sport/tennis/player1/#")]
    [InlineData("sport/#")]
    [InlineData("#")]
    [InlineData("sport/tennis/#")]
    // §4.7.1.3
    [InlineData("sport/tennis/+")]
    [InlineData("+")]
    [InlineData("+/tennis/#")]
    [InlineData("sport/+/player1")]
    [InlineData("+/+")]
    [InlineData("/+")]
    // §4.7.2
    [InlineData("$SYS/#")]
    [InlineData("$SYS/monitor/+")]
    [InlineData("+/monitor/Clients")]
    // §4.7.3
    [InlineData("/")]
    [InlineData("/finance")]
    [InlineData("Accounts payable")]
    [InlineData("ACCOUNTS")]
    // edge cases
    [InlineData("sport/tennis/player1")] // no wildcards at all
    [InlineData("sport/")]
    [InlineData("//")]
    [InlineData("a//b")]
    [InlineData("/#")]
    [InlineData("+/#")]
    [InlineData("+/+/+")]
    [InlineData("a//+")]
    [InlineData("+//#")]
    [InlineData("$")]
    [InlineData("caf\u00e9/+/\U0001F600/#")]
    public void Parse_AcceptsValidFilters(string value)
    {
        var filter = TopicFilter.Parse(value);

        Assert.Equal(value, filter.Value);
        Assert.Equal(value, filter.ToString());
        Assert.Null(TopicFilter.Validate(value));
        Assert.True(TopicFilter.TryParse(value, out var parsed, out var error));
        Assert.Equal(filter, parsed);
        Assert.Null(error);
    }

    [Theory]
    // §4.7.1.2
    [InlineData("sport/tennis#", "'#'", "level 2")]
    [InlineData("sport/tennis/#/ranking", "'#'", "level 3")]
    // §4.7.1.3
    [InlineData("sport+", "'+'", "level 1")]
    // edge cases
    [InlineData("#/", "'#'", "level 1")] // '#' followed by an empty level is not last
    [InlineData("a/#/", "'#'", "level 2")]
    [InlineData("#/a", "'#'", "level 1")]
    [InlineData("#/#", "'#'", "level 1")]
    [InlineData("##", "'#'", "level 1")]
    [InlineData("#+", "'#'", "level 1")]
    [InlineData("+#", "'#'", "level 1")]
    [InlineData("a/#b", "'#'", "level 2")]
    [InlineData("a/b#", "'#'", "level 2")]
    [InlineData("++", "'+'", "level 1")]
    [InlineData("a/+b/c", "'+'", "level 2")]
    [InlineData("a/b+/c", "'+'", "level 2")]
    [InlineData("+a", "'+'", "level 1")]
    [InlineData("$SYS+/#", "'+'", "level 1")]
    public void Parse_RejectsMisplacedWildcards_NamingTheWildcardAndLevel(string value, string wildcard, string level)
    {
        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(value));

        Assert.Equal("value", ex.ParamName);
        Assert.Contains(wildcard, ex.Message, StringComparison.Ordinal);
        Assert.Contains(level, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsHashBeforeTheLastLevel_SayingItMustBeLast()
    {
        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse("sport/tennis/#/ranking"));

        Assert.Contains("last level", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sport/tennis#")]
    [InlineData("sport+")]
    public void Parse_RejectsAWildcardSharingALevel_SayingItMustBeAWholeLevel(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(value));

        Assert.Contains("whole level", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sport+")]
    [InlineData("sport/tennis/#/ranking")]
    [InlineData("")]
    public void TryParse_ReturnsFalseWithTheErrorInsteadOfThrowing(string value)
    {
        Assert.False(TopicFilter.TryParse(value, out var filter, out var error));
        Assert.Null(filter);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(error, TopicFilter.Validate(value));
    }

    [Fact]
    public void Parse_RejectsNull_SayingItIsMissing()
    {
        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(null));

        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsEmptyString_SayingItIsEmpty()
    {
        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(""));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("topic filter", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "/#")]
    [InlineData("sport/+/", "")]
    [InlineData("+/", "/#")]
    public void Parse_RejectsTheNullCharacter_NamingU0000AndItsPosition(string before, string after)
    {
        var value = before + '\0' + after;

        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(value));

        Assert.Contains("U+0000", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"position {before.Length}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0xD800, "")]
    [InlineData("", 0xDFFF, "")]
    [InlineData("+/", 0xDBFF, "")]
    [InlineData("+/", 0xD83D, "/#")]
    [InlineData("a/", 0xDE00, "/+")]
    public void Parse_RejectsUnpairedSurrogates(string before, int surrogate, string after)
    {
        var value = before + (char)surrogate + after;

        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(value));

        Assert.Contains("surrogate", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"position {before.Length}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptsExactly65535Bytes_AndRejects65536()
    {
        var atLimit = new string('a', MaxBytes - 2) + "/#";
        var overLimit = new string('a', MaxBytes - 1) + "/#";

        Assert.Equal(atLimit, TopicFilter.Parse(atLimit).Value);
        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(overLimit));
        Assert.Contains("65535", ex.Message, StringComparison.Ordinal);
        Assert.Contains("65536", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u00e9", 2)]
    [InlineData("\u20ac", 3)]
    [InlineData("\U0001F600", 4)]
    public void Parse_CountsTheLimitInUtf8Bytes_WithAMultiByteCharacterAtTheBoundary(string multiByte, int utf8Bytes)
    {
        // "+/" + padding + the multi-byte character: exactly 65535 bytes, then one byte more.
        var atLimit = "+/" + new string('a', MaxBytes - 2 - utf8Bytes) + multiByte;
        var overLimit = "+/" + new string('a', MaxBytes - 1 - utf8Bytes) + multiByte;
        Assert.Equal(MaxBytes, System.Text.Encoding.UTF8.GetByteCount(atLimit));
        Assert.Equal(MaxBytes + 1, System.Text.Encoding.UTF8.GetByteCount(overLimit));

        Assert.Equal(atLimit, TopicFilter.Parse(atLimit).Value);
        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(overLimit));
        Assert.Contains("65535", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShortensALongFilterInItsErrorMessage()
    {
        var value = new string('a', 10_000) + "+";

        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(value));

        Assert.Contains("'+'", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 1_000, $"message is {ex.Message.Length} chars long");
    }

    [Fact]
    public void Parse_ShortensALongFilterWithoutSplittingASurrogatePair()
    {
        // The shortened filter is cut at 117 chars; here a surrogate pair sits at chars 116-117.
        var value = new string('a', 116) + "\U0001F600" + new string('b', 200) + "+";

        var ex = Assert.Throws<ArgumentException>(() => TopicFilter.Parse(value));

        Assert.DoesNotContain("\U0001F600"[0] + "...", ex.Message, StringComparison.Ordinal);
        Assert.Contains(new string('a', 116) + "...", ex.Message, StringComparison.Ordinal);
    }

    // ---- matching -------------------------------------------------------------------------------

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

    // ---- properties and equality ----------------------------------------------------------------

    [Theory]
    [InlineData("sport/tennis", false)]
    [InlineData("/", false)]
    [InlineData("$SYS/monitor", false)]
    [InlineData("#", true)]
    [InlineData("+", true)]
    [InlineData("sport/+/player1", true)]
    [InlineData("sport/#", true)]
    [InlineData("/+", true)]
    public void HasWildcards_IsTrueWhenAnyLevelIsAWildcard(string value, bool hasWildcards)
    {
        Assert.Equal(hasWildcards, TopicFilter.Parse(value).HasWildcards);
    }

    [Theory]
    [InlineData("sport/tennis/+", "sport")]
    [InlineData("sport", "sport")]
    [InlineData("sport/#", "sport")]
    [InlineData("/finance", "")]
    [InlineData("/+", "")]
    [InlineData("/#", "")]
    [InlineData("$SYS/#", "$SYS")]
    [InlineData("#", null)]
    [InlineData("+", null)]
    [InlineData("+/tennis/#", null)]
    [InlineData("+/+", null)]
    public void LiteralFirstLevel_IsTheFirstLevelOrNullWhenItIsAWildcard(string value, string? firstLevel)
    {
        Assert.Equal(firstLevel, TopicFilter.Parse(value).LiteralFirstLevel);
    }

    [Theory]
    [InlineData("sport/#", "Sport/#")]
    [InlineData("/finance/+", "finance/+")]
    [InlineData("finance/+/", "finance/+")]
    [InlineData("+/+", "+")]
    [InlineData("#", "+")]
    public void Filters_DifferingInCaseSlashesOrWildcardsAreDistinct(string a, string b)
    {
        Assert.NotEqual(TopicFilter.Parse(a), TopicFilter.Parse(b));
    }

    [Fact]
    public void Equals_ComparesTheValueOrdinally()
    {
        var a = TopicFilter.Parse("sport/+/player1");
        var b = TopicFilter.Parse("sport/+/" + "player1");

        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object?)"sport/+/player1"));
    }
}
