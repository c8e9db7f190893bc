namespace AkLight.Parts.Tests.Topics;

/// <summary>
/// What a parsed <see cref="TopicFilter"/> says of itself (levels, wildcards) and how filters compare.
/// </summary>
public class TopicFilterPropertiesTests
{
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
