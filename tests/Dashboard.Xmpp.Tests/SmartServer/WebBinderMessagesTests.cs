using System.Xml.Linq;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Dashboard.Xmpp.Xml;

namespace Dashboard.Xmpp.Tests.SmartServer;

public sealed class WebBinderMessagesTests
{
    private const string Switch = "Net/LON/iLON App/Digital Input 1/nvoClsValue_1";
    private static readonly XNamespace Message = SmartServerMessages.Message;

    // The WebBinder Write as printed in the Programmer's Reference and the XMPP guide (SMARTSERVER.md).
    private const string ReferenceWrite = """
        <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <SOAP-ENV:Header>
            <p:messageProperties xmlns:p="http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/">
              <p:UCPTtimeStamp>2008-04-08T11:14:56.289-07:00</p:UCPTtimeStamp>
              <p:UCPTuniqueId>0300000A5BF2</p:UCPTuniqueId>
              <p:UCPTipAddress>10.2.124.53</p:UCPTipAddress>
              <p:UCPTport>80</p:UCPTport>
              <p:UCPTlastUpdate>2008-04-08T18:10:37Z</p:UCPTlastUpdate>
              <p:UCPTprocessingTime>102</p:UCPTprocessingTime>
            </p:messageProperties>
          </SOAP-ENV:Header>
          <SOAP-ENV:Body>
            <Write xmlns="http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/">
              <iLonItem>
                <UCPTfaultCount>0</UCPTfaultCount>
                <Item xsi:type="Dp_Data">
                  <UCPTname>Net/LON/iLON App/Digital Input 1/nvoClsValue_1</UCPTname>
                  <UCPTannotation>Dp_Out;xsi:type="LON_Dp_Cfg"</UCPTannotation>
                  <UCPTlastUpdate>2008-04-08T11:14:53.599-07:00</UCPTlastUpdate>
                  <UCPTvalue LonFormat="#0000000000000000[0].SNVT_switch">0.0 0</UCPTvalue>
                  <UCPTvalue LonFormat="UCPTvalueDef">OFF</UCPTvalue>
                  <UCPTpointStatus LonFormat="UCPTpointStatus">AL_NO_CONDITION</UCPTpointStatus>
                  <UCPTpriority>255</UCPTpriority>
                </Item>
              </iLonItem>
            </Write>
          </SOAP-ENV:Body>
        </SOAP-ENV:Envelope>
        """;

    [Fact]
    public void ParseWrite_ReferenceSoap11Write_ReadsHeaderAndEveryField()
    {
        var write = WebBinderMessages.ParseWrite(SoapEnvelope.Parse(SafeXml.Parse(ReferenceWrite)));

        Assert.Equal(new MessageProperties(new DateTimeOffset(2008, 4, 8, 11, 14, 56, 289, TimeSpan.FromHours(-7)), "0300000A5BF2", "10.2.124.53", 80,
            new DateTimeOffset(2008, 4, 8, 18, 10, 37, TimeSpan.Zero), 102), write.Properties);
        var item = Assert.Single(write.Items);
        Assert.True(item.IsAccepted);
        var point = item.Point!;
        Assert.Equal(Switch, point.Name);
        Assert.Equal("0.0 0", point.Value!.Text);
        Assert.Equal("SNVT_switch", point.Snvt);
        Assert.Equal("OFF", point.ValueDefinition);
        Assert.Equal("AL_NO_CONDITION", point.Status);
        Assert.Equal(255, point.Priority);
        Assert.Equal(new DateTimeOffset(2008, 4, 8, 11, 14, 53, 599, TimeSpan.FromHours(-7)), point.LastUpdate);
    }

    [Fact]
    public void ParseWrite_Soap12WithoutHeader_IsReadToo()
    {
        var soap12 = ReferenceWrite.Replace("http://schemas.xmlsoap.org/soap/envelope/", SoapNamespaces.Soap12.NamespaceName, StringComparison.Ordinal);
        var envelope = SoapEnvelope.Parse(SafeXml.Parse(soap12));
        var withoutHeader = envelope with { Headers = [] };

        var write = WebBinderMessages.ParseWrite(withoutHeader);

        Assert.Equal(SoapVersion.Soap12, envelope.Version);
        Assert.Null(write.Properties);
        Assert.True(Assert.Single(write.Items).IsAccepted);
    }

    [Fact]
    public void Write_Builder_RoundTripsThroughTheParser()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 0, 0, 123, TimeSpan.FromHours(1));
        var point = new DataPoint("Net/LON/iLON App/VirtFb/temp_thermostat", "Dp_Data", "Dp_Out;xsi:type=\"LON_Dp_Cfg\"",
            [new DataPointValue("21.5", "#0000000000000000[0].SNVT_temp", "°C")], "AL_NUL", 255, at, null);
        var properties = new MessageProperties(at, "00D071A1B2C3", "10.0.0.7", 80, at.AddDays(-1), 3);

        var envelope = WebBinderMessages.Write([point], properties);
        var parsed = WebBinderMessages.ParseWrite(SoapEnvelope.Parse(SafeXml.Parse(envelope.ToXml().ToString())));

        Assert.Equal(SoapVersion.Soap11, envelope.Version);
        Assert.Equal(properties, parsed.Properties);
        var item = Assert.Single(parsed.Items).Point!;
        Assert.Equal(point.Name, item.Name);
        Assert.Equal("21.5", item.Value!.Text);
        Assert.Equal("°C", item.Value.Unit);
        Assert.Equal(at, item.LastUpdate);
    }

    [Theory]
    [InlineData("<Item><UCPTvalue>1</UCPTvalue></Item>", ItemFaultCode.NameMissing)]
    [InlineData("<Item><UCPTname>Net/../secret</UCPTname><UCPTvalue>1</UCPTvalue></Item>", ItemFaultCode.NameInvalid)]
    [InlineData("<Item><UCPTname>Net/a</UCPTname></Item>", ItemFaultCode.TagMissing)]
    [InlineData("<Item><UCPTname>Net/a</UCPTname><UCPTvalue>1</UCPTvalue><UCPTpriority>high</UCPTpriority></Item>", ItemFaultCode.FormatError)]
    [InlineData("<Item><UCPTname>Net/a</UCPTname><UCPTvalue>1</UCPTvalue><UCPTpriority>256</UCPTpriority></Item>", ItemFaultCode.FormatError)]
    [InlineData("<Item><UCPTname>Net/a</UCPTname><UCPTvalue>1</UCPTvalue><UCPTlastUpdate>yesterday</UCPTlastUpdate></Item>", ItemFaultCode.FormatError)]
    [InlineData("<Item><UCPTname>Net/a</UCPTname><UCPTvalue LonFormat=\"#0000000000000000[0].SNVT_temp\">warm</UCPTvalue></Item>", ItemFaultCode.FormatError)]
    [InlineData("<Item><UCPTname>Net/a</UCPTname><UCPTvalue LonFormat=\"#0000000000000000[0].SNVT_switch\">on</UCPTvalue></Item>", ItemFaultCode.FormatError)]
    public void ParseWrite_BadItem_IsRefusedAloneWithTheSmartServerCode(string badItem, ItemFaultCode code)
    {
        var good = "<Item><UCPTname>Net/ok</UCPTname><UCPTvalue LonFormat=\"#0000000000000000[0].SNVT_temp\">21.0</UCPTvalue></Item>";
        var payload = SafeXml.Parse($"<Write xmlns='{Message.NamespaceName}'><iLonItem>{badItem}{good}</iLonItem></Write>");

        var items = WebBinderMessages.ParseWrite(new SoapEnvelope(payload)).Items;

        Assert.Equal(code, items[0].Fault?.Code);
        Assert.Null(items[0].Point);
        Assert.True(items[1].IsAccepted);
    }

    [Theory]
    [InlineData("<Read xmlns='http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/'><iLonItem/></Read>", "UnknownMessageCall")]
    [InlineData("<Write xmlns='urn:not-the-smartserver'><iLonItem/></Write>", "WrongNamespace")]
    [InlineData("<Write xmlns='http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/'/>", "TagMissing")]
    public void ParseWrite_UnusableMessage_IsASenderFault(string payload, string subcode)
    {
        var fault = Assert.Throws<SoapFault>(() => WebBinderMessages.ParseWrite(new SoapEnvelope(SafeXml.Parse(payload))));

        Assert.Equal(SoapFaultCode.Sender, fault.Code);
        Assert.Equal(subcode, fault.Subcode);
    }

    [Fact]
    public void ParseWrite_TooManyItems_IsRefusedWhole()
    {
        var payload = new XElement(Message + "Write", new XElement(Message + "iLonItem",
            Enumerable.Range(0, WebBinderMessages.MaxItems + 1).Select(i => new XElement(Message + "Item",
                new XElement(Message + "UCPTname", $"Net/p{i}"), new XElement(Message + "UCPTvalue", "1")))));

        Assert.Equal("TooManyItems", Assert.Throws<SoapFault>(() => WebBinderMessages.ParseWrite(new SoapEnvelope(payload))).Subcode);
    }

    [Fact]
    public void ParseWrite_UnknownHeaderThatMustBeUnderstood_IsAMustUnderstandFault()
    {
        var header = new XElement("{urn:other}security", new XAttribute(SoapNamespaces.Soap12 + "mustUnderstand", "true"));
        var envelope = new SoapEnvelope(SoapVersion.Soap12, [header], new XElement(Message + "Write", new XElement(Message + "iLonItem")));

        Assert.Equal(SoapFaultCode.MustUnderstand, Assert.Throws<SoapFault>(() => WebBinderMessages.ParseWrite(envelope)).Code);
    }

    [Fact]
    public void WriteResponse_ListsAcceptedAndFaultedItemsInTheSmartServersStyle()
    {
        var accepted = new WebBinderItem("Net/ok", null, null);
        var refused = new WebBinderItem("Net/unknown", null, new ItemFault(ItemFaultCode.NameNotFound, "Instance doesn't exist"));

        var response = WebBinderMessages.WriteResponse([accepted, refused], new MessageProperties(TimeStamp: DateTimeOffset.UnixEpoch), SoapVersion.Soap11);

        var iLonItem = response.Payload.Element(Message + "iLonItem")!;
        Assert.Equal("1", iLonItem.Element(Message + "UCPTfaultCount")!.Value);
        var faultCode = iLonItem.Descendants(Message + "faultcode").Single();
        Assert.Equal(("_error", "6"), ((string?)faultCode.Attribute("faultType"), faultCode.Value));
        Assert.Equal(Message + "messageProperties", Assert.Single(response.Headers).Name);
        var result = WebBinderMessages.ParseWriteResponse(response.Payload);
        Assert.Equal(["Net/ok"], result.Accepted);
        Assert.Equal("Instance doesn't exist", result.Faults["Net/unknown"]);
    }

    [Fact]
    public void MessageProperties_FieldsThatDoNotParse_AreLeftOut()
    {
        var header = SafeXml.Parse($"""
            <messageProperties xmlns='{Message.NamespaceName}'><UCPTtimeStamp>soon</UCPTtimeStamp><UCPTport>eighty</UCPTport>
            <UCPTuniqueId>{new string('A', 100)}</UCPTuniqueId><UCPTipAddress>10.0.0.1</UCPTipAddress></messageProperties>
            """);

        Assert.Equal(new MessageProperties(IpAddress: "10.0.0.1"), MessageProperties.FromHeaders([header]));
    }

    [Theory]
    [InlineData("#0000000000000000[0].SNVT_temp", "21.5", true)]
    [InlineData("#0000000000000000[0].SNVT_temp", "NaN", false)]
    [InlineData("#0000000000000000[0].SNVT_temp", "21,5", false)]
    [InlineData("#0000000000000000[0].SNVT_switch", "100.0 1", true)]
    [InlineData("#0000000000000000[0].SNVT_switch", "100.0 2", false)]
    [InlineData("#0000000000000000[0].SNVT_switch.value", "50.0", true)]
    [InlineData("#0000000000000000[0].SNVT_occupancy", "OCCUPIED", true)]
    [InlineData("#0000000000000000[0].SNVT_occupancy", "<b>x</b>", false)]
    [InlineData("UCPTvalueDef", "ON", true)]
    [InlineData("#0000000000000000[0].SNVT_str_asc", "any text at all", true)]
    [InlineData(null, "free text", true)]
    public void SnvtValue_Problem_RefusesOnlyWhatIsCertainlyWrong(string? lonFormat, string text, bool fine) =>
        Assert.Equal(fine, SnvtValue.Problem(lonFormat, text) is null);
}
