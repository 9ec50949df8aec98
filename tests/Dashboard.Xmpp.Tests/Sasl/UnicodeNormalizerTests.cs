using Dashboard.Xmpp.Sasl;

namespace Dashboard.Xmpp.Tests.Sasl;

// The library's normaliser must work even though the build runs with invariant globalization,
// where string.Normalize leaves non-ASCII text unchanged.
public sealed class UnicodeNormalizerTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("A\u030A", "\u00C5")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("e\u0301\u0327", "\u0229\u0301")]
    [InlineData("a\u0328\u0301", "\u0105\u0301")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("\uAC00\u11A8", "\uAC01")]
    [InlineData("\uFB01", "\uFB01")]
    [InlineData("\u0958", "\u0915\u093C")]
    [InlineData("\U0001D15E", "\U0001D157\U0001D165")]
    public void ToFormC_Input_IsCanonicallyComposed(string input, string expected)
    {
        Assert.Equal(expected, UnicodeNormalizer.ToFormC(input));
    }

    [Theory]
    [InlineData("\uFB01", "fi")]
    [InlineData("\u2168", "IX")]
    [InlineData("\uFF41\uFF42", "ab")]
    [InlineData("\u00BD", "1\u20442")]
    [InlineData("\u3260", "\u1100")]
    [InlineData("\u326E", "\uAC00")]
    [InlineData("\u1E9B\u0323", "\u1E69")]
    [InlineData("\U0001D400", "A")]
    public void ToFormKC_Input_IsCompatibilityComposed(string input, string expected)
    {
        Assert.Equal(expected, UnicodeNormalizer.ToFormKC(input));
    }

    [Fact]
    public void ToFormC_UnpairedSurrogate_IsKept()
    {
        Assert.Equal("a\uD800b", UnicodeNormalizer.ToFormC("a\uD800b"));
    }

    [Fact]
    public void Tables_Version_IsRecorded()
    {
        Assert.False(string.IsNullOrEmpty(UnicodeTables.Version));
    }
}
