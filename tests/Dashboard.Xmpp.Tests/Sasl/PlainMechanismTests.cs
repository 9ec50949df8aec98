using System.Text;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Xmpp.Tests.Sasl;

public sealed class PlainMechanismTests
{
    [Fact]
    public void InitialResponse_UserAndPassword_IsNulSeparatedWithEmptyAuthzid()
    {
        var plain = new PlainMechanism("operator", "pencil");

        Assert.Equal("PLAIN", plain.Name);
        Assert.Equal("\0operator\0pencil"u8.ToArray(), plain.InitialResponse());
    }

    [Fact]
    public void InitialResponse_NonAsciiPassword_IsSaslPreppedUtf8()
    {
        var plain = new PlainMechanism("operator", "I\u00ADX\u2168");

        Assert.Equal(Encoding.UTF8.GetBytes("\0operator\0IXIX"), plain.InitialResponse());
    }

    [Fact]
    public void InitialResponse_CalledTwice_ThrowsInvalidOperation()
    {
        var plain = new PlainMechanism("operator", "pencil");
        plain.InitialResponse();

        Assert.Throws<InvalidOperationException>(() => plain.InitialResponse());
    }

    [Fact]
    public void Constructor_NulInPassword_ThrowsInvalidCredentials()
    {
        var ex = Assert.Throws<SaslException>(() => new PlainMechanism("operator", "pen\0cil"));

        Assert.Equal(SaslFailureReason.InvalidCredentials, ex.Reason);
        Assert.DoesNotContain("pen", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateChallenge_AnyChallenge_ThrowsMalformedChallenge()
    {
        var plain = new PlainMechanism("operator", "pencil");
        plain.InitialResponse();

        var ex = Assert.Throws<SaslException>(() => plain.EvaluateChallenge([1, 2]));

        Assert.Equal(SaslFailureReason.MalformedChallenge, ex.Reason);
    }

    [Fact]
    public void ToString_DoesNotRevealPassword()
    {
        Assert.DoesNotContain("pencil", new PlainMechanism("operator", "pencil").ToString(), StringComparison.Ordinal);
    }
}
