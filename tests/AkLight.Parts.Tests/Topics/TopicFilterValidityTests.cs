namespace AkLight.Parts.Tests.Topics;

/// <summary>
/// Which filters <see cref="TopicFilter"/> accepts and how it refuses the rest, against MQTT 3.1.1 / 5 §4.7: every
/// example of §4.7.1.2 (multi-level wildcard), §4.7.1.3 (single-level wildcard), §4.7.2 (topics beginning with $)
/// and §4.7.3, plus edge cases. Strings holding U+0000 or lone surrogates are built inside the tests.
/// </summary>
public class TopicFilterValidityTests
{
    private const int MaxBytes = 65535;


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
}
