namespace AkLight.Parts.Tests.Topics;

/// <summary>
/// Which names <see cref="TopicName"/> accepts and how it refuses the rest, against MQTT 3.1.1 / 5 §4.7 (topic
/// names, as published), including the 65,535-byte limit counted in UTF-8. Strings holding U+0000 or lone
/// surrogates are built inside the tests rather than passed through InlineData, so the test runner's
/// serialization cannot alter them.
/// </summary>
public class TopicNameValidityTests
{
    private const int MaxBytes = 65535;

    [Theory]
    [InlineData("sport/tennis/player1")]
    [InlineData("sport/tennis/player1/ranking")]
    [InlineData("sport/tennis/player1/score/wimbledon")]
    [InlineData("sport")]
    [InlineData("sport/")] // a trailing '/' makes a distinct, valid name (§4.7.3)
    [InlineData("/finance")] // a leading '/' makes a distinct, valid name (§4.7.3)
    [InlineData("/")] // a name made only of '/' is valid (§4.7.3)
    [InlineData("//")]
    [InlineData("a//b")] // empty levels are legal
    [InlineData("ACCOUNTS")]
    [InlineData("Accounts payable")] // the space character is allowed (§4.7.3)
    [InlineData("$SYS/monitor/Clients")]
    [InlineData("$")]
    [InlineData("a/$SYS")]
    [InlineData("metrics/docker/host1/web-1/cpu")]
    [InlineData("caf\u00e9/\u20ac/\U0001F600")] // 2-, 3- and 4-byte UTF-8 (the last a surrogate pair)
    public void Parse_AcceptsValidNames(string value)
    {
        var name = TopicName.Parse(value);

        Assert.Equal(value, name.Value);
        Assert.Equal(value, name.ToString());
        Assert.Null(TopicName.Validate(value));
        Assert.True(TopicName.TryParse(value, out var parsed, out var error));
        Assert.Equal(name, parsed);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("sport/+", '+', 6)]
    [InlineData("+", '+', 0)]
    [InlineData("+/tennis", '+', 0)]
    [InlineData("sport+", '+', 5)]
    [InlineData("a+b", '+', 1)]
    [InlineData("#", '#', 0)]
    [InlineData("sport/tennis/#", '#', 13)]
    [InlineData("sport/tennis#", '#', 12)]
    [InlineData("sport/tennis/#/ranking", '#', 13)]
    [InlineData("$SYS/#", '#', 5)]
    [InlineData("a/b#c/+", '#', 3)] // the first wildcard is the one reported
    [InlineData("a/b+c/#", '+', 3)]
    public void Parse_RejectsAnyWildcardCharacter_NamingItAndItsPosition(string value, char wildcard, int position)
    {
        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(value));

        Assert.Equal("value", ex.ParamName);
        Assert.Contains("wildcard", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{wildcard}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"position {position}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sport/+")]
    [InlineData("#")]
    [InlineData("")]
    public void TryParse_ReturnsFalseWithTheErrorInsteadOfThrowing(string value)
    {
        Assert.False(TopicName.TryParse(value, out var name, out var error));
        Assert.Null(name);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(error, TopicName.Validate(value));
    }

    [Fact]
    public void Parse_RejectsNull_SayingItIsMissing()
    {
        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(null));

        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.False(TopicName.TryParse(null, out _, out var error));
        Assert.Contains("missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsEmptyString_SayingItIsEmpty()
    {
        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(""));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "sport")]
    [InlineData("sport", "")]
    [InlineData("sport/", "/tennis")]
    public void Parse_RejectsTheNullCharacter_NamingU0000AndItsPosition(string before, string after)
    {
        var value = before + '\0' + after;

        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(value));

        Assert.Contains("U+0000", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"position {before.Length}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\0", ex.Message, StringComparison.Ordinal); // printed as \0, not raw
    }

    [Theory]
    [InlineData("", 0x1B, "[31mred")] // ESC: a terminal colour escape
    [InlineData("metrics/", 0x0A, "forged log line")] // a new line in a log
    [InlineData("a", 0x0D, "")]
    [InlineData("a", 0x09, "b")]
    [InlineData("a", 0x7F, "")] // DEL
    [InlineData("a", 0x85, "b")] // C1: next line
    [InlineData("a", 0x9F, "b")]
    public void Parse_RejectsControlCharacters_NamingTheCodePointAndPrintingItEscaped(string before, int control, string after)
    {
        var value = before + (char)control + after;

        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(value));

        Assert.Contains($"control character U+{control:X4}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"position {before.Length}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((char)control, ex.Message); // printed as \uXXXX, never raw
        Assert.Throws<ArgumentException>(() => TopicFilter.Parse(value));
        Assert.NotNull(Identifier.Validate(value, "session id"));
    }

    [Theory]
    [InlineData(0xA0)] // no-break space: not a control character
    [InlineData(0x20)]
    public void Parse_AcceptsCharactersNextToTheControlRanges(int character) =>
        Assert.Equal("a" + (char)character, TopicName.Parse("a" + (char)character).Value);

    [Theory]
    [InlineData("", 0xD800, "")] // lone high surrogate
    [InlineData("", 0xDC00, "")] // lone low surrogate
    [InlineData("sport/", 0xD83D, "")] // high surrogate at the very end
    [InlineData("sport/", 0xD83D, "x")] // high surrogate followed by a non-surrogate
    [InlineData("a", 0xDE00, "b")] // low surrogate without its high half
    public void Parse_RejectsUnpairedSurrogates(string before, int surrogate, string after)
    {
        var value = before + (char)surrogate + after;

        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(value));

        Assert.Contains("surrogate", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"position {before.Length}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsASurrogatePairInTheWrongOrder()
    {
        var value = "a/" + "\U0001F600"[1] + "\U0001F600"[0];

        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(value));

        Assert.Contains("surrogate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptsProperSurrogatePairs()
    {
        var value = "\U0001F600/\U0001F600\U0001F4A9";

        Assert.Equal(value, TopicName.Parse(value).Value);
    }

    [Fact]
    public void Parse_AcceptsExactly65535AsciiBytes()
    {
        var value = new string('a', MaxBytes);

        Assert.Equal(MaxBytes, TopicName.Parse(value).Value.Length);
    }

    [Fact]
    public void Parse_Rejects65536AsciiBytes_NamingTheLimit()
    {
        var value = new string('a', MaxBytes + 1);

        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(value));

        Assert.Contains("65535", ex.Message, StringComparison.Ordinal);
        Assert.Contains("65536", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u00e9", 2)] // é
    [InlineData("\u20ac", 3)] // €
    [InlineData("\U0001F600", 4)] // 😀, a surrogate pair in UTF-16
    public void Parse_CountsTheLimitInUtf8Bytes_WithAMultiByteCharacterEndingExactlyAtTheLimit(string multiByte, int utf8Bytes)
    {
        var atLimit = new string('a', MaxBytes - utf8Bytes) + multiByte;
        var overLimit = new string('a', MaxBytes - utf8Bytes + 1) + multiByte;
        Assert.Equal(MaxBytes, System.Text.Encoding.UTF8.GetByteCount(atLimit));
        Assert.Equal(MaxBytes + 1, System.Text.Encoding.UTF8.GetByteCount(overLimit));

        Assert.Equal(atLimit, TopicName.Parse(atLimit).Value);
        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(overLimit));
        Assert.Contains("65535", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u00e9")]
    [InlineData("\u20ac")]
    [InlineData("\U0001F600")]
    public void Parse_RejectsAMultiByteCharacterStraddlingTheLimit(string multiByte)
    {
        // The character starts within the first 65535 bytes but its last byte is the 65536th.
        var value = new string('a', MaxBytes - 1) + multiByte;

        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(value));

        Assert.Contains("65535", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsANameShorterThan65535CharsThatIsLongerThan65535Utf8Bytes()
    {
        var exactly = new string('\u00e9', 32767) + "a"; // 65535 bytes, 32768 chars
        var over = new string('\u00e9', 32768); // 65536 bytes, 32768 chars

        Assert.Equal(exactly, TopicName.Parse(exactly).Value);
        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(over));
        Assert.Contains("65536", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShortensALongNameInItsErrorMessage()
    {
        var value = new string('a', 10_000) + "+";

        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(value));

        Assert.Contains("wildcard", ex.Message, StringComparison.Ordinal);
        Assert.Contains("...", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 1_000, $"message is {ex.Message.Length} chars long");
    }

    [Theory]
    [InlineData(115)]
    [InlineData(116)] // the pair would straddle the cut at 117 chars
    [InlineData(117)]
    public void Parse_ShortensALongNameWithoutSplittingASurrogatePair(int emojiAt)
    {
        var value = new string('a', emojiAt) + "\U0001F600" + new string('b', 200) + "#";

        var ex = Assert.Throws<ArgumentException>(() => TopicName.Parse(value));

        Assert.Contains("...", ex.Message, StringComparison.Ordinal);
        Assert.True(IsWellFormedUtf16(ex.Message), "the error message holds a lone surrogate");
    }

    [Fact]
    public void Parse_KeepsALeadingByteOrderMark()
    {
        // §1.5.4: U+FEFF must not be skipped or stripped, so it makes a different name.
        var name = TopicName.Parse("\uFEFFsport");

        Assert.Equal("\uFEFFsport", name.Value);
        Assert.NotEqual(TopicName.Parse("sport"), name);
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }
}
