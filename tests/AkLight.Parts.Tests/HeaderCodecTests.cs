namespace AkLight.Parts.Tests;

public sealed class HeaderCodecTests
{
    [Fact]
    public void Headers_round_trip_in_order_with_duplicates_and_unicode()
    {
        MessageHeader[] headers = [new("a", "1"), new("a", "2"), new("ünï", "☃"), new("empty", "")];
        Assert.Equal(headers, HeaderCodec.Decode(HeaderCodec.Encode(headers)));
    }

    [Fact]
    public void No_headers_store_nothing()
    {
        Assert.Null(HeaderCodec.Encode(null));
        Assert.Null(HeaderCodec.Encode([]));
        Assert.Null(HeaderCodec.Decode(null));
    }
}
