using Dashboard.Xmpp.Sasl;

namespace Dashboard.Xmpp.Tests.Sasl;

public sealed class SaslPrepTests
{
    // RFC 4013 §3 examples first.
    [Theory]
    [InlineData("I\u00ADX", "IX")]
    [InlineData("user", "user")]
    [InlineData("USER", "USER")]
    [InlineData("\u00AA", "a")]
    [InlineData("\u2168", "IX")]
    [InlineData("a\u00A0b\u3000c", "a b c")]
    [InlineData("a\u200Bb\uFEFFc\uFE0F", "abc")]
    [InlineData("a\u0308", "\u00E4")]
    [InlineData("\uFF21\uFF42", "Ab")]
    [InlineData("\u05D0\u05D1", "\u05D0\u05D1")]
    [InlineData("\u0627\u0031\u0628", "\u0627\u0031\u0628")]
    public void Prepare_ValidInput_ReturnsPreparedForm(string input, string expected)
    {
        Assert.Equal(expected, SaslPrep.Prepare(input, "password"));
    }

    [Theory]
    [InlineData("\u0007")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("a\uE000b")]
    [InlineData("a\U000F0000b")]
    [InlineData("a\uFDD0b")]
    [InlineData("a\uFFFEb")]
    [InlineData("a\U0001FFFFb")]
    [InlineData("a\uD800b")]
    [InlineData("a\uFFFDb")]
    [InlineData("a\u2FF0b")]
    [InlineData("a\u200Eb")]
    [InlineData("a\u202Eb")]
    [InlineData("a\U000E0041b")]
    [InlineData("a\U0001D173b")]
    public void Prepare_ProhibitedCharacter_ThrowsInvalidCredentials(string input)
    {
        var ex = Assert.Throws<SaslException>(() => SaslPrep.Prepare(input, "password"));

        Assert.Equal(SaslFailureReason.InvalidCredentials, ex.Reason);
        Assert.Contains("password", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0627\u0031")]
    [InlineData("\u0031\u0627")]
    [InlineData("\u05D0a\u05D1")]
    public void Prepare_BidiViolation_ThrowsInvalidCredentials(string input)
    {
        var ex = Assert.Throws<SaslException>(() => SaslPrep.Prepare(input, "user name"));

        Assert.Equal(SaslFailureReason.InvalidCredentials, ex.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u00AD")]
    public void Prepare_EmptyResult_ThrowsInvalidCredentials(string input)
    {
        var ex = Assert.Throws<SaslException>(() => SaslPrep.Prepare(input, "password"));

        Assert.Equal(SaslFailureReason.InvalidCredentials, ex.Reason);
    }

    [Fact]
    public void Prepare_ProhibitedCharacter_MessageNamesPositionNotValue()
    {
        var ex = Assert.Throws<SaslException>(() => SaslPrep.Prepare("hunter\u0001two", "password"));

        Assert.Contains("position 7", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter", ex.Message, StringComparison.Ordinal);
    }
}
