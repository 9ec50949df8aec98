using System.Text;
using Dashboard.Xmpp.Xml;

namespace Dashboard.Xmpp.Tests.Xml;

public sealed class SafeXmlTests
{
    [Fact]
    public void Parse_BillionLaughs_IsRefusedAsDtd()
    {
        const string lol = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
            + "<!ENTITY lol2 '&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'>]><lolz>&lol2;</lolz>";

        var error = Assert.Throws<XmlSafetyException>(() => SafeXml.Parse(lol));

        Assert.Equal(XmlSafetyReason.Dtd, error.Reason);
    }

    [Theory]
    [InlineData("<!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]><x>&xxe;</x>")]
    [InlineData("<!DOCTYPE x [<!ENTITY xxe SYSTEM 'http://127.0.0.1:1/'>]><x>&xxe;</x>")]
    [InlineData("<!DOCTYPE x SYSTEM 'http://127.0.0.1:1/x.dtd'><x/>")]
    public void Parse_ExternalEntityOrDtd_IsRefusedWithoutFetching(string xml)
    {
        var error = Assert.Throws<XmlSafetyException>(() => SafeXml.Parse(xml));

        Assert.Equal(XmlSafetyReason.Dtd, error.Reason);
    }

    [Fact]
    public void Parse_OverTheCharacterCap_IsRefusedAsTooLarge()
    {
        var big = "<x>" + new string('a', 5000) + "</x>";

        Assert.Equal(XmlSafetyReason.TooLarge, Assert.Throws<XmlSafetyException>(() => SafeXml.Parse(big, 1000)).Reason);
        Assert.Equal(XmlSafetyReason.TooLarge, Assert.Throws<XmlSafetyException>(() => SafeXml.Parse(Encoding.UTF8.GetBytes(big), 1000)).Reason);
    }

    [Theory]
    [InlineData("<x><!-- hidden --></x>", XmlSafetyReason.Comment)]
    [InlineData("<!-- before --><x/>", XmlSafetyReason.Comment)]
    [InlineData("<x><?pi data?></x>", XmlSafetyReason.ProcessingInstruction)]
    [InlineData("<x><y></x>", XmlSafetyReason.Malformed)]
    [InlineData("", XmlSafetyReason.Malformed)]
    public void Parse_ForbiddenOrBrokenContent_IsRefusedWithTheReason(string xml, XmlSafetyReason reason) =>
        Assert.Equal(reason, Assert.Throws<XmlSafetyException>(() => SafeXml.Parse(xml)).Reason);

    [Fact]
    public void Parse_MalformedInput_MessageDoesNotDumpTheDocument()
    {
        var secretish = "<x>" + new string('s', 10_000) + "<y></x>";

        var error = Assert.Throws<XmlSafetyException>(() => SafeXml.Parse(secretish));

        Assert.True(error.Message.Length < 500);
    }

    [Fact]
    public void Parse_ValidStanza_KeepsNamespacesAndText()
    {
        var element = SafeXml.Parse("<message xmlns='jabber:client' to='a@b'><body>hi &amp; bye</body></message>");

        Assert.Equal(XmppNamespaces.Client + "message", element.Name);
        Assert.Equal("hi & bye", (string?)element.Element(XmppNamespaces.Client + "body"));
    }
}
