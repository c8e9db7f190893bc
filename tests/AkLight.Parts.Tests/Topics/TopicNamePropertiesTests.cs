namespace AkLight.Parts.Tests.Topics;

/// <summary>
/// What a parsed <see cref="TopicName"/> says of itself (levels, first level, <c>$</c> names) and how names compare:
/// ordinally, with no case folding or Unicode normalization (MQTT §4.7.3).
/// </summary>
public class TopicNamePropertiesTests
{
    [Theory]
    [InlineData("ACCOUNTS", "Accounts")] // §4.7.3: names are case sensitive
    [InlineData("sport/Tennis", "sport/tennis")]
    [InlineData("/finance", "finance")] // §4.7.3: a leading '/' makes a distinct name
    [InlineData("finance/", "finance")] // so does a trailing one
    [InlineData("a//b", "a/b")]
    [InlineData("caf\u00e9", "cafe\u0301")] // no Unicode normalization: precomposed vs combining accent
    public void Names_DifferingInCaseSlashesOrCodePointsAreDistinct(string a, string b)
    {
        var x = TopicName.Parse(a);
        var y = TopicName.Parse(b);

        Assert.NotEqual(x, y);
        Assert.False(x.Equals(y));
        Assert.False(x.Equals((object)y));
    }

    [Fact]
    public void Equals_ComparesTheValueOrdinally()
    {
        var a = TopicName.Parse("sport/tennis");
        var b = TopicName.Parse("sport/" + "tennis");

        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object?)"sport/tennis"));
    }

    [Theory]
    [InlineData("sport/tennis/player1", new[] { "sport", "tennis", "player1" })]
    [InlineData("sport", new[] { "sport" })]
    [InlineData("/", new[] { "", "" })]
    [InlineData("/finance", new[] { "", "finance" })]
    [InlineData("sport/", new[] { "sport", "" })]
    [InlineData("a//b", new[] { "a", "", "b" })]
    public void Levels_SplitsAtEverySlashKeepingEmptyLevels(string value, string[] levels)
    {
        Assert.Equal(levels, TopicName.Parse(value).Levels);
    }

    [Theory]
    [InlineData("sport/tennis/player1", "sport")]
    [InlineData("sport", "sport")]
    [InlineData("/finance", "")]
    [InlineData("/", "")]
    [InlineData("sport/", "sport")]
    [InlineData("$SYS/monitor/Clients", "$SYS")]
    public void FirstLevel_IsThePartBeforeTheFirstSlash(string value, string firstLevel)
    {
        Assert.Equal(firstLevel, TopicName.Parse(value).FirstLevel);
    }

    [Theory]
    [InlineData("$SYS/monitor/Clients", true)]
    [InlineData("$SYS", true)]
    [InlineData("$", true)]
    [InlineData("sport/$SYS", false)]
    [InlineData("/$SYS", false)]
    [InlineData("sport", false)]
    public void IsSystem_IsTrueOnlyForNamesStartingWithDollar(string value, bool isSystem)
    {
        Assert.Equal(isSystem, TopicName.Parse(value).IsSystem);
    }

    [Fact]
    public void ConvertsImplicitlyToItsString()
    {
        string value = TopicName.Parse("sport/tennis");

        Assert.Equal("sport/tennis", value);
    }
}
