namespace AkLight.Parts.Tests.Topics;

public sealed class ControlCharactersTests
{
    [Theory]
    [InlineData("a\u0000", 1)]
    [InlineData("\u001b[2J", 0)]
    [InlineData("line\nforged", 4)]
    [InlineData("del\u007f", 3)]
    [InlineData("c1\u0085", 2)]
    [InlineData("c1\u009f", 2)]
    public void Finds_the_first_control_character(string text, int position) => Assert.Equal(position, ControlCharacters.Find(text));

    [Theory]
    [InlineData("sensor-1")]
    [InlineData("")]
    [InlineData("température/ü/日本/😀")]
    [InlineData("\u00a0nbsp")]
    public void Printable_text_has_none(string text)
    {
        Assert.Equal(-1, ControlCharacters.Find(text));
        Assert.Null(ControlCharacters.Problem(text, "the client id"));
    }

    [Fact]
    public void The_problem_names_the_character_and_its_position_but_never_echoes_the_text()
    {
        var problem = ControlCharacters.Problem("ok\u001b]0;pwned\u0007", "the client id");
        Assert.Equal("the client id contains the control character U+001B at position 2; control characters are not allowed", problem);
    }
}
