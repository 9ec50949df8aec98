using Dashboard.Xmpp.Sasl;

namespace Dashboard.Xmpp.Tests.Sasl;

public sealed class SaslMechanismSelectorTests
{
    [Fact]
    public void Select_AllOffered_ChoosesScramSha512()
    {
        var chosen = SaslMechanismSelector.Select(["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512"], SaslPolicy.Default, isSecureChannel: true);

        Assert.Equal("SCRAM-SHA-512", chosen);
    }

    [Fact]
    public void Select_Sha256AndSha1Offered_ChoosesSha256()
    {
        Assert.Equal("SCRAM-SHA-256", SaslMechanismSelector.Select(["SCRAM-SHA-1", "SCRAM-SHA-256"], SaslPolicy.Default, false));
    }

    [Fact]
    public void Select_Sha1AndPlainOverInsecureChannel_ChoosesSha1()
    {
        Assert.Equal("SCRAM-SHA-1", SaslMechanismSelector.Select(["PLAIN", "SCRAM-SHA-1"], SaslPolicy.Default, isSecureChannel: false));
    }

    [Fact]
    public void Select_OnlySha1OverInsecureChannel_ChoosesSha1()
    {
        Assert.Equal("SCRAM-SHA-1", SaslMechanismSelector.Select(["SCRAM-SHA-1"], SaslPolicy.Default, isSecureChannel: false));
    }

    [Fact]
    public void Select_OnlyPlainOverInsecureChannel_ThrowsMechanismNotAllowed()
    {
        var ex = Assert.Throws<SaslException>(() => SaslMechanismSelector.Select(["PLAIN"], SaslPolicy.Default, isSecureChannel: false));

        Assert.Equal(SaslFailureReason.MechanismNotAllowed, ex.Reason);
        Assert.Contains("PLAIN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_OnlyPlainOverSecureChannel_ChoosesPlain()
    {
        Assert.Equal("PLAIN", SaslMechanismSelector.Select(["PLAIN"], SaslPolicy.Default, isSecureChannel: true));
    }

    [Fact]
    public void Select_OnlyPlainInsecureButPolicyAllows_ChoosesPlain()
    {
        var policy = SaslPolicy.Default with { AllowPlainOverInsecureTransport = true };

        Assert.Equal("PLAIN", SaslMechanismSelector.Select(["PLAIN"], policy, isSecureChannel: false));
    }

    [Fact]
    public void Select_PlainAllowedInsecureButScramOffered_StillPrefersScram()
    {
        var policy = SaslPolicy.Default with { AllowPlainOverInsecureTransport = true };

        Assert.Equal("SCRAM-SHA-1", SaslMechanismSelector.Select(["PLAIN", "SCRAM-SHA-1"], policy, isSecureChannel: false));
    }

    [Fact]
    public void Select_NoCommonMechanism_ThrowsListingOfferedOnes()
    {
        var ex = Assert.Throws<SaslException>(
            () => SaslMechanismSelector.Select(["DIGEST-MD5", "SCRAM-SHA-1-PLUS", "X-OAUTH2"], SaslPolicy.Default, true));

        Assert.Equal(SaslFailureReason.NoCommonMechanism, ex.Reason);
        Assert.Contains("DIGEST-MD5, SCRAM-SHA-1-PLUS, X-OAUTH2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NothingOffered_ThrowsNoCommonMechanism()
    {
        var ex = Assert.Throws<SaslException>(() => SaslMechanismSelector.Select([], SaslPolicy.Default, true));

        Assert.Equal(SaslFailureReason.NoCommonMechanism, ex.Reason);
    }

    [Fact]
    public void Select_PolicyWithoutSha1AndServerOnlySha1_ThrowsNoCommonMechanism()
    {
        var policy = new SaslPolicy { PreferredMechanisms = ["SCRAM-SHA-512", "SCRAM-SHA-256"] };

        var ex = Assert.Throws<SaslException>(() => SaslMechanismSelector.Select(["SCRAM-SHA-1", "PLAIN"], policy, true));

        Assert.Equal(SaslFailureReason.NoCommonMechanism, ex.Reason);
    }

    [Fact]
    public void Select_CustomOrder_FollowsPolicy()
    {
        var policy = new SaslPolicy { PreferredMechanisms = ["SCRAM-SHA-1", "SCRAM-SHA-256"] };

        Assert.Equal("SCRAM-SHA-1", SaslMechanismSelector.Select(["SCRAM-SHA-256", "SCRAM-SHA-1"], policy, true));
    }

    [Fact]
    public void Select_NamesWithSurroundingWhitespace_AreMatched()
    {
        Assert.Equal("SCRAM-SHA-256", SaslMechanismSelector.Select(["\n  SCRAM-SHA-256 \n"], SaslPolicy.Default, false));
    }

    [Fact]
    public void Select_HostileOfferedNames_MessageIsBounded()
    {
        var names = Enumerable.Range(0, 100).Select(i => new string('X', 500) + "\u0001" + i);

        var ex = Assert.Throws<SaslException>(() => SaslMechanismSelector.Select(names, SaslPolicy.Default, true));

        Assert.True(ex.Message.Length < 1200, ex.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("\u0001", ex.Message, StringComparison.Ordinal);
    }
}
