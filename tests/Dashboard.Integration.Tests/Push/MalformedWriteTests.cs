using System.Xml.Linq;
using Dashboard.Integration.Tests.Servers;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Hub;
using Dashboard.Web.Hub.Push;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;

namespace Dashboard.Integration.Tests.Push;

/// <summary>
/// Bad Writes from a trusted device over real Prosody: each gets its fault (the whole message, or the one
/// item), nothing changes, and the device's and the dashboard's sessions carry on.
/// </summary>
public sealed class MalformedWriteTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>
{
    private static readonly XNamespace Message = SmartServerMessages.Message;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MalformedMessages_GetSenderFaults_AndTheSessionContinues()
    {
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?> { ["Dashboard:Polling:Interval"] = "01:00:00" }, Ct);
        var device = scenario.Fleet.Devices[0];
        await scenario.WaitUntilReadyAsync(device, Ct);
        var shown = scenario.Registry.Find(device.Jid)!.Points;
        var soap11 = SoapNamespaces.Soap11;
        var write = new XElement(Message + "Write", new XElement(Message + "iLonItem", new XElement(Message + "Item",
            new XElement(Message + "UCPTname", PushScenario.Temperature), new XElement(Message + "UCPTvalue", "30.0"))));
        var cases = new (string What, XElement Envelope)[]
        {
            ("an envelope without a Body", new XElement(soap11 + "Envelope", new XElement(soap11 + "Header"))),
            ("an envelope in no SOAP namespace", new XElement("{urn:not-soap}Envelope", new XElement("{urn:not-soap}Body", write))),
            ("a Write in another namespace", new SoapEnvelope(SoapVersion.Soap11, [], new XElement("{urn:elsewhere}Write", new XElement("{urn:elsewhere}iLonItem"))).ToXml()),
            ("a Read instead of a Write", new SoapEnvelope(new XElement(Message + "Read", new XElement(Message + "iLonItem"))).ToXml()),
            ("a Write without iLonItem", new SoapEnvelope(new XElement(Message + "Write")).ToXml()),
        };

        foreach (var (what, envelope) in cases)
        {
            var error = await Assert.ThrowsAsync<StanzaErrorException>(() => device.Session.RequestAsync(
                new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "set"), new XAttribute("to", scenario.DashboardAddress), envelope), Timeout, Ct));
            Assert.True(SoapIq.FaultOf(error.Stanza)?.Code == SoapFaultCode.Sender, $"{what}: expected a Sender fault, got {error.Stanza}");
        }

        Assert.Equal(shown, scenario.Registry.Find(device.Jid)!.Points);
        var accepted = await WebBinder(device).WriteAsync(scenario.DashboardAddress,
            PushScenario.Reading(PushScenario.Temperature, "26.5", DateTimeOffset.UtcNow), PushScenario.Properties(device), Ct);
        Assert.Equal([PushScenario.Temperature], accepted.Accepted);
        await Eventually.WaitUntilAsync(() => scenario.Registry.Find(device.Jid)!.Points[PushScenario.Temperature].Value == "26.5",
            PushScenario.Deadline, "a good Write after the bad ones applied", Ct);
    }

    [Fact]
    public async Task BadItems_GetTheirOwnFaults_WhileTheGoodItemIsApplied()
    {
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?> { ["Dashboard:Polling:Interval"] = "01:00:00" }, Ct);
        var device = scenario.Fleet.Devices[0];
        await scenario.WaitUntilReadyAsync(device, Ct);
        var now = DateTimeOffset.UtcNow;
        var items = new[]
        {
            Item(PushScenario.Temperature, "warm", "#0000000000000000[0].SNVT_temp", now),
            Item(SimulatedDevice.Prefix + "VirtFb/never_listed", "1.0", null, now),
            Item(PushScenario.Setpoint, "21.0", null, now.AddHours(2)),
            Item(PushScenario.Occupancy, "OCCUPIED", null, now.AddDays(-30)),
            Item(PushScenario.Humidity, "lots", null, now), // no LonFormat in the Write: checked against the listed SNVT_lev_percent
            Item(PushScenario.Switch, "100.0 1", "#0000000000000000[0].SNVT_switch", now),
        };

        var result = await WebBinder(device).WriteAsync(scenario.DashboardAddress, items, PushScenario.Properties(device), Ct);

        Assert.Equal([PushScenario.Switch], result.Accepted);
        Assert.Contains("not a number", result.Faults[PushScenario.Temperature], StringComparison.Ordinal);
        Assert.Contains("never listed", result.Faults[SimulatedDevice.Prefix + "VirtFb/never_listed"], StringComparison.Ordinal);
        Assert.Contains("in the future", result.Faults[PushScenario.Setpoint], StringComparison.Ordinal);
        Assert.Contains("older than the maximum age", result.Faults[PushScenario.Occupancy], StringComparison.Ordinal);
        Assert.Contains("not a number", result.Faults[PushScenario.Humidity], StringComparison.Ordinal);
        await Eventually.WaitUntilAsync(() => scenario.Registry.Find(device.Jid)!.Points[PushScenario.Switch] is { Value: "100.0 1", Delivery: PointDelivery.Push },
            PushScenario.Deadline, "the good item applied", Ct);
        var points = scenario.Registry.Find(device.Jid)!.Points;
        Assert.NotEqual("warm", points[PushScenario.Temperature].Value);
        Assert.Equal(PointDelivery.Poll, points[PushScenario.Setpoint].Delivery);
        Assert.False(points.ContainsKey(SimulatedDevice.Prefix + "VirtFb/never_listed"));
    }

    [Fact]
    public async Task WriteWithADtd_IsStoppedByTheServer_NothingReachesTheDashboard_AndTheDeviceWritesAgain()
    {
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?> { ["Dashboard:Polling:Interval"] = "01:00:00" }, Ct);
        var device = scenario.Fleet.Devices[0];
        await scenario.WaitUntilReadyAsync(device, Ct);
        var shown = scenario.Registry.Find(device.Jid)!.Points;
        var writes = scenario.Dashboard.Get<PushReceiver>().Writes;
        using var raw = new RawBoshSession(prosody.BoshUri, prosody.Domain);
        await raw.LoginAsync(scenario.Accounts[0].User, scenario.Accounts[0].Password, "binder", Ct);
        var envelope = WebBinderMessages.Write(PushScenario.Reading(PushScenario.Temperature, "&boom;", DateTimeOffset.UtcNow), PushScenario.Properties(device)).ToXml();
        var stanza = new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "set"), new XAttribute("id", "dtd1"),
            new XAttribute("to", scenario.DashboardAddress), envelope).ToString(SaveOptions.DisableFormatting).Replace("&amp;boom;", "&boom;", StringComparison.Ordinal);

        var answer = await raw.SendAsync(stanza, "<!DOCTYPE body [<!ENTITY boom \"30.0\">]>", Ct);

        Assert.Equal(("terminate", "bad-request"), ((string?)answer.Attribute("type"), (string?)answer.Attribute("condition")));
        Assert.Equal(writes, scenario.Dashboard.Get<PushReceiver>().Writes);
        Assert.Equal(shown, scenario.Registry.Find(device.Jid)!.Points);
        Assert.Equal(XmppConnectionState.Connected, scenario.Dashboard.Get<XmppHub>().Connection.State);
        var again = await WebBinder(device).WriteAsync(scenario.DashboardAddress,
            PushScenario.Reading(PushScenario.Temperature, "27.5", DateTimeOffset.UtcNow), PushScenario.Properties(device), Ct);
        Assert.Equal([PushScenario.Temperature], again.Accepted);
    }

    private static WebBinderClient WebBinder(SimulatedSmartServer device) => new(new SoapClient(device.Session));

    private static DataPoint Item(string name, string value, string? lonFormat, DateTimeOffset lastUpdate) =>
        new(name, "Dp_Data", null, [new DataPointValue(value, lonFormat, null)], "AL_NUL", 255, lastUpdate, null);
}
