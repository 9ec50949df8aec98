using System.Text;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Xmpp.Tests.Sasl;

public sealed class SaslMechanismFactoryTests
{
    [Theory]
    [InlineData("SCRAM-SHA-512", ScramAlgorithm.Sha512)]
    [InlineData("SCRAM-SHA-256", ScramAlgorithm.Sha256)]
    [InlineData("SCRAM-SHA-1", ScramAlgorithm.Sha1)]
    public void Create_ScramName_CreatesScramWithThatHash(string name, ScramAlgorithm algorithm)
    {
        var mechanism = SaslMechanismFactory.Create(name, Jid.Parse("operator@xmpp.test/dash"), "pencil");

        var scram = Assert.IsType<ScramMechanism>(mechanism);
        Assert.Equal(algorithm, scram.Algorithm);
        Assert.Equal(name, scram.Name);
    }

    [Fact]
    public void Create_Jid_AuthenticatesAsLocalpart()
    {
        var mechanism = SaslMechanismFactory.Create("PLAIN", Jid.Parse("Operator@xmpp.test/dash"), "pencil");

        Assert.Equal("\0operator\0pencil", Encoding.UTF8.GetString(mechanism.InitialResponse()!));
    }

    [Fact]
    public void Create_ScramForMacIdJid_SendsLocalpartAsUserName()
    {
        var mechanism = SaslMechanismFactory.Create("SCRAM-SHA-256", Jid.Parse("00d071a1b2c3@xmpp.test"), "pencil");

        Assert.StartsWith("n,,n=00d071a1b2c3,r=", Encoding.UTF8.GetString(mechanism.InitialResponse()!), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_JidWithoutLocalpart_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => SaslMechanismFactory.Create("PLAIN", Jid.Parse("xmpp.test"), "pencil"));
    }

    [Theory]
    [InlineData("DIGEST-MD5")]
    [InlineData("scram-sha-1")]
    [InlineData("SCRAM-SHA-1-PLUS")]
    public void Create_UnsupportedName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => SaslMechanismFactory.Create(name, "operator", "pencil"));
    }

    [Fact]
    public void Policy_Default_PrefersStrongestAndRefusesInsecurePlain()
    {
        Assert.Equal(["SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"], SaslPolicy.Default.PreferredMechanisms);
        Assert.False(SaslPolicy.Default.AllowPlainOverInsecureTransport);
    }

    [Fact]
    public void Policy_UnsupportedName_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SaslPolicy { PreferredMechanisms = ["SCRAM-SHA-256", "DIGEST-MD5"] });
    }

    [Fact]
    public void Policy_EmptyList_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SaslPolicy { PreferredMechanisms = [] });
    }
}
