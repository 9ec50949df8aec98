using Dashboard.Xmpp;

namespace Dashboard.Xmpp.Tests;

public sealed class JidTests
{
    [Fact]
    public void Parse_BareJid_HasLocalAndDomainOnly()
    {
        var jid = Jid.Parse("operator@xmpp.test");

        Assert.Equal("operator", jid.Local);
        Assert.Equal("xmpp.test", jid.Domain);
        Assert.Null(jid.Resource);
        Assert.True(jid.IsBare);
        Assert.Equal("operator@xmpp.test", jid.ToString());
    }

    [Fact]
    public void Parse_FullJid_HasAllThreeParts()
    {
        var jid = Jid.Parse("operator@xmpp.test/dashboard-1");

        Assert.Equal("operator", jid.Local);
        Assert.Equal("xmpp.test", jid.Domain);
        Assert.Equal("dashboard-1", jid.Resource);
        Assert.False(jid.IsBare);
        Assert.Equal("operator@xmpp.test/dashboard-1", jid.ToString());
    }

    [Fact]
    public void Parse_DomainOnly_HasNoLocalNorResource()
    {
        var jid = Jid.Parse("xmpp.test");

        Assert.Null(jid.Local);
        Assert.Equal("xmpp.test", jid.Domain);
        Assert.Null(jid.Resource);
        Assert.Equal("xmpp.test", jid.ToString());
    }

    [Fact]
    public void Parse_DomainWithResource_HasNoLocal()
    {
        var jid = Jid.Parse("xmpp.test/component");

        Assert.Null(jid.Local);
        Assert.Equal("component", jid.Resource);
    }

    [Fact]
    public void Parse_ResourceWithSlashAndAt_KeepsEverythingAfterFirstSlash()
    {
        var jid = Jid.Parse("user@xmpp.test/a/b@c");

        Assert.Equal("user", jid.Local);
        Assert.Equal("xmpp.test", jid.Domain);
        Assert.Equal("a/b@c", jid.Resource);
    }

    [Theory]
    [InlineData("00d071a1b2c3@xmpp.test/resource")]
    [InlineData("00D071A1B2C3@xmpp.test")]
    public void IsMacId_TwelveHexDigitLocalpart_IsTrue(string value)
    {
        var jid = Jid.Parse(value);

        Assert.True(jid.IsMacId);
        Assert.Equal("00d071a1b2c3", jid.Local);
    }

    [Theory]
    [InlineData("00d071a1b2c@xmpp.test")]
    [InlineData("00d071a1b2c3d@xmpp.test")]
    [InlineData("00d071a1b2cg@xmpp.test")]
    [InlineData("operator@xmpp.test")]
    [InlineData("xmpp.test")]
    public void IsMacId_OtherLocalparts_IsFalse(string value)
    {
        Assert.False(Jid.Parse(value).IsMacId);
    }

    [Fact]
    public void Parse_IPv4Literal_IsAccepted()
    {
        var jid = Jid.Parse("device@192.168.1.20/r");

        Assert.Equal("192.168.1.20", jid.Domain);
    }

    [Fact]
    public void Parse_IPv6Literal_IsAcceptedInCanonicalForm()
    {
        var jid = Jid.Parse("device@[2001:DB8:0:0::1]/r");

        Assert.Equal("[2001:db8::1]", jid.Domain);
        Assert.Equal(Jid.Parse("device@[2001:db8::1]/r"), jid);
    }

    [Theory]
    [InlineData("device@192.168.1.256")]
    [InlineData("device@1.2.3")]
    [InlineData("device@[2001:db8::g]")]
    [InlineData("device@[2001:db8::1")]
    [InlineData("device@[fe80::1%1]")]
    public void Parse_InvalidIpLiteral_ThrowsForDomain(string value)
    {
        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse(value));

        Assert.Equal(JidPart.Domain, ex.Part);
    }

    [Fact]
    public void Parse_NonAsciiLocalpart_IsAcceptedAndLowerCased()
    {
        var jid = Jid.Parse("Józef.Äström@xmpp.test");

        Assert.Equal("józef.äström", jid.Local);
    }

    [Fact]
    public void Parse_CompatibilityFormsInLocalpart_AreNfkcNormalised()
    {
        // Full-width letters and a decomposed "é": NFKC, then lower case.
        var jid = Jid.Parse("\uFF35\uFF53\uFF45\uFF52e\u0301@xmpp.test");

        Assert.Equal("user\u00E9", jid.Local);
        Assert.Equal(Jid.Parse("USER\u00C9@xmpp.test"), jid);
    }

    [Fact]
    public void Parse_DecomposedResource_IsNfcNormalised()
    {
        Assert.Equal("\u00C5ngstr\u00F6m", Jid.Parse("user@xmpp.test/A\u030Angstro\u0308m").Resource);
    }

    [Fact]
    public void Parse_MixedCase_FoldsLocalAndDomainButKeepsResource()
    {
        var jid = Jid.Parse("Operator@XMPP.Test/Dashboard");

        Assert.Equal("operator", jid.Local);
        Assert.Equal("xmpp.test", jid.Domain);
        Assert.Equal("Dashboard", jid.Resource);
    }

    [Fact]
    public void Equals_DifferentCaseInLocalAndDomain_AreEqualWithSameHash()
    {
        var a = Jid.Parse("Operator@XMPP.test/Res");
        var b = Jid.Parse("operator@xmpp.TEST/Res");

        Assert.True(a.Equals(b));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentCaseInResource_AreNotEqual()
    {
        var a = Jid.Parse("operator@xmpp.test/Res");
        var b = Jid.Parse("operator@xmpp.test/res");

        Assert.NotEqual(a, b);
        Assert.True(a != b);
    }

    [Fact]
    public void Equals_NullAndOtherTypes_AreNotEqual()
    {
        var jid = Jid.Parse("operator@xmpp.test");

        Assert.False(jid.Equals(null));
        Assert.False(jid.Equals((object)"operator@xmpp.test"));
        Assert.False(jid == null);
        Assert.True((Jid?)null == null);
    }

    [Fact]
    public void Parse_TrailingDotInDomain_IsRemoved()
    {
        Assert.Equal(Jid.Parse("operator@xmpp.test"), Jid.Parse("operator@xmpp.test."));
    }

    [Fact]
    public void Bare_FullJid_DropsResource()
    {
        var full = Jid.Parse("operator@xmpp.test/dashboard");

        Assert.Equal(Jid.Parse("operator@xmpp.test"), full.Bare);
        Assert.True(full.Bare.IsBare);
    }

    [Fact]
    public void Bare_BareJid_ReturnsSameInstance()
    {
        var bare = Jid.Parse("operator@xmpp.test");

        Assert.Same(bare, bare.Bare);
    }

    [Fact]
    public void WithResource_ReplacesResource()
    {
        var jid = Jid.Parse("operator@xmpp.test/old").WithResource("new");

        Assert.Equal("operator@xmpp.test/new", jid.ToString());
    }

    [Fact]
    public void WithResource_ControlCharacter_ThrowsForResource()
    {
        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse("operator@xmpp.test").WithResource("a\u0007"));

        Assert.Equal(JidPart.Resource, ex.Part);
    }

    [Fact]
    public void Constructor_Parts_MatchParsedForm()
    {
        Assert.Equal(Jid.Parse("operator@xmpp.test/r"), new Jid("Operator", "xmpp.test", "r"));
        Assert.Equal(Jid.Parse("xmpp.test"), new Jid(null, "XMPP.test", null));
    }

    [Theory]
    [InlineData('"')]
    [InlineData('&')]
    [InlineData('\'')]
    [InlineData('/')]
    [InlineData(':')]
    [InlineData('<')]
    [InlineData('>')]
    [InlineData('@')]
    public void Constructor_ForbiddenLocalCharacter_ThrowsForLocal(char forbidden)
    {
        var ex = Assert.Throws<JidFormatException>(() => new Jid("a" + forbidden + "b", "xmpp.test", null));

        Assert.Equal(JidPart.Local, ex.Part);
        Assert.Contains("localpart", ex.Message, StringComparison.Ordinal);
        Assert.Contains(forbidden.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\"b@xmpp.test")]
    [InlineData("a&b@xmpp.test")]
    [InlineData("a'b@xmpp.test")]
    [InlineData("a:b@xmpp.test")]
    [InlineData("a<b@xmpp.test")]
    [InlineData("a>b@xmpp.test")]
    [InlineData("a@b@xmpp.test")]
    public void Parse_ForbiddenLocalCharacter_ThrowsForLocal(string value)
    {
        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse(value));

        Assert.Equal(JidPart.Local, ex.Part);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a\tb")]
    [InlineData("a\u00A0b")]
    [InlineData("a\u2003b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007Fb")]
    public void Constructor_WhitespaceOrControlInLocal_ThrowsForLocal(string local)
    {
        var ex = Assert.Throws<JidFormatException>(() => new Jid(local, "xmpp.test", null));

        Assert.Equal(JidPart.Local, ex.Part);
    }

    [Theory]
    [InlineData("xmpp test")]
    [InlineData("xmpp\ttest")]
    [InlineData("xmpp\u0000test")]
    [InlineData("xmpp:5222")]
    [InlineData("xmpp..test")]
    [InlineData(".xmpp.test")]
    [InlineData("-xmpp.test")]
    [InlineData("xmpp-.test")]
    [InlineData("xmpp.te<st")]
    [InlineData(".")]
    public void Constructor_InvalidDomain_ThrowsForDomain(string domain)
    {
        var ex = Assert.Throws<JidFormatException>(() => new Jid("user", domain, null));

        Assert.Equal(JidPart.Domain, ex.Part);
        Assert.Contains("domainpart", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\u0085b")]
    public void Constructor_ControlCharacterInResource_ThrowsForResource(string resource)
    {
        var ex = Assert.Throws<JidFormatException>(() => new Jid("user", "xmpp.test", resource));

        Assert.Equal(JidPart.Resource, ex.Part);
        Assert.Contains("resourcepart", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SpaceInResource_IsAccepted()
    {
        Assert.Equal("Dashboard 1", new Jid("user", "xmpp.test", "Dashboard 1").Resource);
    }

    [Theory]
    [InlineData("@xmpp.test", JidPart.Local)]
    [InlineData("@xmpp.test/r", JidPart.Local)]
    [InlineData("xmpp.test/", JidPart.Resource)]
    [InlineData("user@xmpp.test/", JidPart.Resource)]
    [InlineData("user@", JidPart.Domain)]
    [InlineData("user@/r", JidPart.Domain)]
    [InlineData("/r", JidPart.Domain)]
    [InlineData("", JidPart.Domain)]
    public void Parse_EmptyPart_ThrowsForThatPart(string value, JidPart part)
    {
        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse(value));

        Assert.Equal(part, ex.Part);
    }

    [Fact]
    public void Constructor_EmptyStringParts_ThrowForThatPart()
    {
        Assert.Equal(JidPart.Local, Assert.Throws<JidFormatException>(() => new Jid("", "xmpp.test", null)).Part);
        Assert.Equal(JidPart.Resource, Assert.Throws<JidFormatException>(() => new Jid("u", "xmpp.test", "")).Part);
    }

    [Fact]
    public void Parse_LocalpartOf1023Bytes_IsAccepted()
    {
        Assert.Equal(1023, Jid.Parse(new string('a', 1023) + "@xmpp.test").Local!.Length);
        Assert.Equal(511, Jid.Parse(new string('é', 511) + "@xmpp.test").Local!.Length);
    }

    [Theory]
    [InlineData(1024, 'a')]
    [InlineData(512, 'é')]
    public void Parse_LocalpartOver1023Bytes_ThrowsForLocal(int count, char c)
    {
        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse(new string(c, count) + "@xmpp.test"));

        Assert.Equal(JidPart.Local, ex.Part);
        Assert.Contains("1023", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DomainOf1023Bytes_IsAccepted()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 63), 16));

        Assert.Equal(1023, Jid.Parse("user@" + domain).Domain.Length);
    }

    [Fact]
    public void Parse_DomainOver1023Bytes_ThrowsForDomain()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 63), 16)) + "d";

        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse("user@" + domain));

        Assert.Equal(JidPart.Domain, ex.Part);
        Assert.Contains("1023", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DomainLabelOf63Characters_IsAccepted()
    {
        Assert.NotNull(Jid.Parse("user@" + new string('x', 63) + ".test"));
    }

    [Fact]
    public void Parse_DomainLabelOf64Characters_ThrowsForDomain()
    {
        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse("user@" + new string('x', 64) + ".test"));

        Assert.Equal(JidPart.Domain, ex.Part);
        Assert.Contains("63", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ResourceOf1023Bytes_IsAccepted()
    {
        Assert.Equal(1023, Jid.Parse("user@xmpp.test/" + new string('r', 1023)).Resource!.Length);
    }

    [Fact]
    public void Parse_ResourceOver1023Bytes_ThrowsForResource()
    {
        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse("user@xmpp.test/" + new string('r', 1024)));

        Assert.Equal(JidPart.Resource, ex.Part);
    }

    [Fact]
    public void Parse_UnpairedSurrogate_ThrowsForThatPart()
    {
        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse("us\uD800er@xmpp.test"));

        Assert.Equal(JidPart.Local, ex.Part);
    }

    [Fact]
    public void Parse_HugeInvalidInput_MessageEchoesOnlyAShortExcerpt()
    {
        var huge = new string('a', 5000) + " b@xmpp.test";

        var ex = Assert.Throws<JidFormatException>(() => Jid.Parse(huge));

        Assert.Equal(JidPart.Local, ex.Part);
        Assert.True(ex.Message.Length < 200, ex.Message);
        Assert.Contains(new string('a', 64) + "…", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JidFormatException_IsAFormatException()
    {
        Assert.IsAssignableFrom<FormatException>(Assert.ThrowsAny<Exception>(() => Jid.Parse("@xmpp.test")));
    }

    [Theory]
    [InlineData("@xmpp.test")]
    [InlineData("a b@xmpp.test")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_InvalidInput_ReturnsFalse(string? value)
    {
        Assert.False(Jid.TryParse(value, out var jid));
        Assert.Null(jid);
    }

    [Fact]
    public void TryParse_ValidInput_ReturnsJid()
    {
        Assert.True(Jid.TryParse("operator@xmpp.test/r", out var jid));
        Assert.Equal("operator@xmpp.test/r", jid.ToString());
    }

    [Fact]
    public void Parse_ToStringOutput_RoundTrips()
    {
        var jid = Jid.Parse("Operator@XMPP.test./Dash Board");

        Assert.Equal(jid, Jid.Parse(jid.ToString()));
    }
}
