using System.Xml.Linq;
using Dashboard.Xmpp.Soap;
using Dashboard.Xmpp.Xml;

namespace Dashboard.Xmpp.Tests.Soap;

public sealed class SoapEnvelopeTests
{
    private static readonly XNamespace Message = "http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/";

    [Theory]
    [InlineData("<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body><Read xmlns='http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/'/></env:Body></env:Envelope>", SoapVersion.Soap12)]
    [InlineData("<Envelope xmlns='http://www.w3.org/2003/05/soap-envelope'><Body><Read xmlns='http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/'/></Body></Envelope>", SoapVersion.Soap12)]
    [InlineData("<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Header><h/></SOAP-ENV:Header><SOAP-ENV:Body><Read xmlns='http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/'/></SOAP-ENV:Body></SOAP-ENV:Envelope>", SoapVersion.Soap11)]
    public void Parse_PrefixedOrDefaultNamespaced_ReadsVersionAndPayload(string xml, SoapVersion version)
    {
        var envelope = SoapEnvelope.Parse(SafeXml.Parse(xml));

        Assert.Equal(version, envelope.Version);
        Assert.Equal(Message + "Read", envelope.Payload.Name);
        Assert.Equal("Read", envelope.Operation);
    }

    [Theory]
    [InlineData("<notAnEnvelope/>", SoapFormatReason.NoEnvelope)]
    [InlineData("<Envelope xmlns='urn:wrong'><Body><x/></Body></Envelope>", SoapFormatReason.WrongNamespace)]
    [InlineData("<Envelope xmlns='http://www.w3.org/2003/05/soap-envelope'><Header/></Envelope>", SoapFormatReason.MissingBody)]
    [InlineData("<Envelope xmlns='http://www.w3.org/2003/05/soap-envelope'><Body/></Envelope>", SoapFormatReason.EmptyBody)]
    [InlineData("<Envelope xmlns='http://www.w3.org/2003/05/soap-envelope'><Body><a/><b/></Body></Envelope>", SoapFormatReason.BodyWithSeveralChildren)]
    public void Parse_BrokenEnvelope_ThrowsTheTypedReason(string xml, SoapFormatReason reason) =>
        Assert.Equal(reason, Assert.Throws<SoapFormatException>(() => SoapEnvelope.Parse(SafeXml.Parse(xml))).Reason);

    [Fact]
    public void Parse_Nothing_IsNoEnvelope() =>
        Assert.Equal(SoapFormatReason.NoEnvelope, Assert.Throws<SoapFormatException>(() => SoapEnvelope.Parse(null)).Reason);

    [Fact]
    public void ToXml_Soap12_EveryEnvelopeElementIsExplicitlyNamespacedAndRoundTrips()
    {
        var envelope = new SoapEnvelope(new XElement(Message + "Read", new XElement(Message + "iLonItem")));

        var xml = envelope.ToXml();
        var text = xml.ToString(SaveOptions.DisableFormatting);

        Assert.StartsWith("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body>", text, StringComparison.Ordinal);
        Assert.Equal(envelope.Payload.ToString(), SoapEnvelope.Parse(SafeXml.Parse(text)).Payload.ToString());
    }

    [Theory]
    [InlineData(SoapFaultCode.Sender, SoapVersion.Soap12)]
    [InlineData(SoapFaultCode.Receiver, SoapVersion.Soap12)]
    [InlineData(SoapFaultCode.MustUnderstand, SoapVersion.Soap12)]
    [InlineData(SoapFaultCode.VersionMismatch, SoapVersion.Soap12)]
    [InlineData(SoapFaultCode.DataEncodingUnknown, SoapVersion.Soap12)]
    [InlineData(SoapFaultCode.Sender, SoapVersion.Soap11)]
    [InlineData(SoapFaultCode.Receiver, SoapVersion.Soap11)]
    public void Fault_ToEnvelopeAndBack_KeepsCodeAndReason(SoapFaultCode code, SoapVersion version)
    {
        var fault = new SoapFault(code, "went wrong");

        var parsed = SoapFault.FromEnvelope(SoapEnvelope.Parse(SafeXml.Parse(fault.ToEnvelope(version).ToXml().ToString())));

        Assert.NotNull(parsed);
        Assert.Equal(code, parsed.Code);
        Assert.Equal("went wrong", parsed.Reason);
    }

    [Fact]
    public void Fault_WithoutCode_IsAFormatError()
    {
        var xml = "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body><env:Fault><env:Reason><env:Text>x</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>";

        var error = Assert.Throws<SoapFormatException>(() => SoapFault.FromEnvelope(SoapEnvelope.Parse(SafeXml.Parse(xml))));

        Assert.Equal(SoapFormatReason.FaultWithoutCode, error.Reason);
    }

    [Theory]
    [InlineData(SoapFaultCode.Sender, "400", "modify", "Sender")]
    [InlineData(SoapFaultCode.Receiver, "500", "wait", "Receiver")]
    [InlineData(SoapFaultCode.MustUnderstand, "500", "modify", "MustUnderstand")]
    [InlineData(SoapFaultCode.VersionMismatch, "500", "modify", "VersionMismatch")]
    [InlineData(SoapFaultCode.DataEncodingUnknown, "500", "modify", "DataEncodingUnknown")]
    public void FaultIq_CarriesTheFaultEnvelopeAndTheSoapFaultCondition(SoapFaultCode code, string legacy, string type, string element)
    {
        var request = new XElement(XmppNamespaces.Client + "iq", new XAttribute("id", "q1"), new XAttribute("from", "dashboard@xmpp.test/hub"));

        var reply = SoapIq.Fault(request, new SoapFault(code, "no"), SoapVersion.Soap12);

        Assert.Equal("error", (string?)reply.Attribute("type"));
        Assert.Equal("dashboard@xmpp.test/hub", (string?)reply.Attribute("to"));
        var error = reply.Element(XmppNamespaces.Client + "error")!;
        Assert.Equal(legacy, (string?)error.Attribute("code"));
        Assert.Equal(type, (string?)error.Attribute("type"));
        Assert.NotNull(error.Element(XmppNamespaces.StanzaErrors + "undefined-condition"));
        Assert.NotNull(error.Element(SoapNamespaces.Fault + element));
        Assert.Equal(code, SoapIq.FaultOf(reply)!.Code);
    }

    [Fact]
    public void FaultOf_PlainXmppError_IsNullSoTheTransportErrorStaysAnXmppError()
    {
        var reply = new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "error"),
            new StanzaError("cancel", "service-unavailable", null, null, null).ToXml());

        Assert.Null(SoapIq.FaultOf(reply));
    }
}
