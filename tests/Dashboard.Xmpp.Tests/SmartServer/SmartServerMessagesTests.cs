using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Xml;

namespace Dashboard.Xmpp.Tests.SmartServer;

public sealed class SmartServerMessagesTests
{
    // The ReadResponse as printed in the Programmer's Reference (SMARTSERVER.md).
    private const string ReferenceReadResponse = """
        <ReadResponse xmlns="http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <iLonItem>
            <UCPTfaultCount>0</UCPTfaultCount>
            <Item xsi:type="Dp_Data">
              <UCPTname>Net/LON/iLON App/VirtFb/temp_thermostat</UCPTname>
              <UCPTannotation>Dp_In;xsi:type="LON_Dp_Cfg"</UCPTannotation>
              <UCPThidden>0</UCPThidden>
              <UCPTlastUpdate>2008-03-14T16:34:11.310-07:00</UCPTlastUpdate>
              <UCPTvalue LonFormat="#0000000000000000[0].SNVT_temp" Unit="°C">21.0</UCPTvalue>
              <UCPTvalue LonFormat="UCPTvalueDef">OCCUPIED</UCPTvalue>
              <UCPTpointStatus LonFormat="UCPTpointStatus">AL_NUL</UCPTpointStatus>
              <UCPTpriority>255</UCPTpriority>
            </Item>
          </iLonItem>
        </ReadResponse>
        """;

    [Fact]
    public void ParseItems_ReferenceReadResponse_ReadsEveryField()
    {
        var point = Assert.Single(SmartServerMessages.ParseItems(SafeXml.Parse(ReferenceReadResponse), "Read"));

        Assert.Equal("Net/LON/iLON App/VirtFb/temp_thermostat", point.Name);
        Assert.Equal("Dp_Data", point.ItemType);
        Assert.Equal(21.0, point.Numeric());
        Assert.Equal("°C", point.Value!.Unit);
        Assert.Equal("SNVT_temp", point.Snvt);
        Assert.Equal("OCCUPIED", point.ValueDefinition);
        Assert.Equal("AL_NUL", point.Status);
        Assert.False(point.IsAlarm);
        Assert.Equal(255, point.Priority);
        Assert.Equal(new DateTimeOffset(2008, 3, 14, 16, 34, 11, 310, TimeSpan.FromHours(-7)), point.LastUpdate);
    }

    [Fact]
    public void ParseItems_ResponseToAnotherOperation_IsRefused() =>
        Assert.Throws<SmartServerResponseException>(() => SmartServerMessages.ParseItems(SafeXml.Parse(ReferenceReadResponse), "Write"));

    [Fact]
    public void Read_Builder_MatchesTheReferenceShape()
    {
        var read = SmartServerMessages.Read(["Net/LON/iLON App/VirtFb/temp_thermostat"]);

        Assert.Equal(SmartServerMessages.Message + "Read", read.Name);
        Assert.Equal("Net/LON/iLON App/VirtFb/temp_thermostat",
            read.Element(SmartServerMessages.Message + "iLonItem")!.Element(SmartServerMessages.Message + "Item")!.Element(SmartServerMessages.Message + "UCPTname")!.Value);
    }

    [Fact]
    public void Write_BuilderThenServerParser_RoundTripsValuesAndPriority()
    {
        var writes = SmartServerMessages.ParseWrites(SmartServerMessages.Write([new PointWrite("Net/LON/iLON App/Digital Output 1/nvoClaValue_1", "100.0 1", "ON", 10)]));

        Assert.Equal(new PointWrite("Net/LON/iLON App/Digital Output 1/nvoClaValue_1", "100.0 1", "ON", 10), Assert.Single(writes));
    }

    [Theory]
    [InlineData("Net/LON/../etc/passwd")]
    [InlineData("Net/LON/./x")]
    [InlineData("Net/LON/\u0001bell")]
    [InlineData("")]
    public void PointName_Unsafe_IsRefused(string name) =>
        Assert.Throws<InvalidPointNameException>(() => PointName.Validate(name));

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void Write_PriorityOutOfRange_IsRefusedBeforeSending(int priority) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SmartServerMessages.Write([new PointWrite("Net/x", "1", Priority: priority)]));

    [Fact]
    public void Numeric_TextThatIsNotANumber_ThrowsTypedErrorNamingThePoint()
    {
        var point = new DataPoint("Net/x/temp", "Dp_Data", null, [new DataPointValue("abc", "#0[0].SNVT_temp", "°C")], "AL_NUL", 255, null, null);

        var error = Assert.Throws<PointValueFormatException>(() => point.Numeric());

        Assert.Equal("Net/x/temp", error.PointName);
    }

    [Fact]
    public void Response_WithAFaultedItem_CountsItAndParsesTheFaultBack()
    {
        var response = SmartServerMessages.Response("Write", [new DataPoint("Net/x/a", null, null, [], null, null, null, "does not exist")]);

        var item = Assert.Single(SmartServerMessages.ParseItems(response, "Write"));

        Assert.Equal("1", response.Descendants(SmartServerMessages.Message + "UCPTfaultCount").Single().Value);
        Assert.Equal("does not exist", item.Fault);
    }
}
