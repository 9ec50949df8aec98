using Dashboard.Simulator;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;

namespace Dashboard.Integration.Tests.SmartServer;

/// <summary>The SmartServer data-server API over SOAP over XMPP, through a real Prosody, to simulated SmartServers.</summary>
public sealed class SmartServerApiTests(SmartServerFleetFixture fleet) : IClassFixture<SmartServerFleetFixture>, IDisposable
{
    private const string Temperature = SimulatedDevice.Prefix + "VirtFb/temp_thermostat";
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private const string Light = SimulatedDevice.Prefix + "Digital Output 1/nvoClaValue_1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SimulatedSmartServer Device(int index) => fleet.Fleet.Devices[index];

    [Fact]
    public async Task List_ADevice_ReturnsItsPointsWithTypes()
    {
        var points = await fleet.SmartServers.ListAsync(SmartServerFleetFixture.Address(Device(0)), cancellationToken: Ct);

        Assert.Contains(points, p => p.Name == Temperature && p.Snvt == "SNVT_temp");
        Assert.Contains(points, p => p.Name == Light && p.Snvt == "SNVT_switch");
        Assert.All(points, p => Assert.Equal("Dp_Data", p.ItemType));
    }

    [Fact]
    public async Task List_WithAnXSelectForAnotherType_ReturnsNothing()
    {
        var points = await fleet.SmartServers.ListAsync(SmartServerFleetFixture.Address(Device(0)), "//Item[@xsi:type=\"Dp_Cfg\"]", Ct);

        Assert.Empty(points);
    }

    [Fact]
    public async Task Read_Points_ReturnsValuesUnitsStatusPriorityAndTime()
    {
        var points = await fleet.SmartServers.ReadAsync(SmartServerFleetFixture.Address(Device(1)), [Temperature, Light], Ct);

        var temperature = points.Single(p => p.Name == Temperature);
        Assert.InRange(temperature.Numeric(), 0, 40);
        Assert.Equal("°C", temperature.Value!.Unit);
        Assert.NotNull(temperature.Status);
        Assert.Equal(255, temperature.Priority);
        Assert.NotNull(temperature.LastUpdate);
        var light = points.Single(p => p.Name == Light);
        Assert.Contains(light.Switch().State, new[] { 0, 1 });
        Assert.Contains(light.ValueDefinition, new[] { "ON", "OFF" });
    }

    [Fact]
    public async Task Read_UnknownPoint_IsAPerItemFaultNamingIt()
    {
        var address = SmartServerFleetFixture.Address(Device(1));

        var error = await Assert.ThrowsAsync<SmartServerItemFaultException>(() =>
            fleet.SmartServers.ReadOneAsync(address, SimulatedDevice.Prefix + "nope", Ct));

        Assert.Equal(SimulatedDevice.Prefix + "nope", error.PointName);
    }

    [Fact]
    public async Task Write_SetpointAtPriority_ThenReadBack_ShowsTheNewValueAndPriorityUntilReset()
    {
        var address = SmartServerFleetFixture.Address(Device(2));

        var result = await fleet.SmartServers.WriteAsync(address, [new PointWrite(Setpoint, "23.5", Priority: 100)], Ct);
        var afterWrite = await fleet.SmartServers.ReadOneAsync(address, Setpoint, Ct);
        await fleet.SmartServers.ResetPriorityAsync(address, [Setpoint], Ct);
        var afterReset = await fleet.SmartServers.ReadOneAsync(address, Setpoint, Ct);

        Assert.Equal([Setpoint], result.Accepted);
        Assert.Equal(23.5, afterWrite.Numeric());
        Assert.Equal(100, afterWrite.Priority);
        Assert.Equal(255, afterReset.Priority);
    }

    [Fact]
    public async Task Write_ValueThatDoesNotParse_IsRefusedPerItemAndNothingChanges()
    {
        var address = SmartServerFleetFixture.Address(Device(3));
        var before = await fleet.SmartServers.ReadOneAsync(address, Setpoint, Ct);

        var result = await fleet.SmartServers.WriteAsync(address, [new PointWrite(Setpoint, "warm")], Ct);

        Assert.Empty(result.Accepted);
        Assert.Contains("not a valid", result.Faults[Setpoint], StringComparison.Ordinal);
        Assert.Equal(before.Value!.Text, (await fleet.SmartServers.ReadOneAsync(address, Setpoint, Ct)).Value!.Text);
    }

    [Fact]
    public async Task Call_DeviceInSoapFaultMode_ThrowsATypedSoapFault()
    {
        var device = Device(4);
        device.Device.Faults.SoapFaults = true;
        try
        {
            var fault = await Assert.ThrowsAsync<SoapFault>(() => fleet.SmartServers.ReadAsync(SmartServerFleetFixture.Address(device), [Temperature], Ct));

            Assert.Equal(SoapFaultCode.Receiver, fault.Code);
            Assert.Equal("SimulatedFault", fault.Subcode);
        }
        finally
        {
            device.Device.Faults.SoapFaults = false;
        }
    }

    [Fact]
    public async Task Call_DeviceThatNeverAnswers_TimesOutWithATypedError()
    {
        var device = Device(5);
        device.Device.Faults.NeverAnswer = true;
        try
        {
            var error = await Assert.ThrowsAsync<XmppTimeoutException>(() => fleet.Soap.CallAsync(SmartServerFleetFixture.Address(device),
                new SoapEnvelope(SmartServerMessages.Read([Temperature])), TimeSpan.FromSeconds(1), Ct));

            Assert.Contains(device.Jid.ToString(), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            device.Device.Faults.NeverAnswer = false;
        }
    }

    [Fact]
    public async Task Call_DeviceAnsweringGarbage_ThrowsATypedParseError()
    {
        var device = Device(6);
        device.Device.Faults.MalformedReplies = true;
        try
        {
            await Assert.ThrowsAsync<SmartServerResponseException>(() =>
                fleet.SmartServers.ReadAsync(SmartServerFleetFixture.Address(device), [Temperature], Ct));
        }
        finally
        {
            device.Device.Faults.MalformedReplies = false;
        }
    }

    [Fact]
    public async Task Call_UnknownOperation_IsASenderFault()
    {
        var fault = await Assert.ThrowsAsync<SoapFault>(() => fleet.Soap.CallAsync(SmartServerFleetFixture.Address(Device(7)),
            new SoapEnvelope(new System.Xml.Linq.XElement(SmartServerMessages.Message + "Explode")), cancellationToken: Ct));

        Assert.Equal(SoapFaultCode.Sender, fault.Code);
    }

    [Fact]
    public async Task Call_SoapToAnOfflineAccount_IsAStanzaErrorNotASoapFault()
    {
        var error = await Assert.ThrowsAsync<StanzaErrorException>(() => fleet.SmartServers.ListAsync(
            new Jid("00d071ffffff", fleet.Prosody.Domain, "smartserver"), cancellationToken: Ct));

        Assert.Equal("service-unavailable", error.Error.Condition);
    }

    [Fact]
    public async Task Read_HundredDevicesConcurrently_EachReplyMatchesItsOwnRequest()
    {
        var devices = fleet.Fleet.Devices.Where(d => !d.Device.Faults.NeverAnswer).ToArray();
        var expected = devices.ToDictionary(d => d.Jid, d => d.Device.Snapshot([Setpoint]).Single().Value);

        var answers = await Task.WhenAll(devices.Select(async d =>
            (d.Jid, Point: await fleet.SmartServers.ReadOneAsync(SmartServerFleetFixture.Address(d), Setpoint, Ct))));

        Assert.Equal(SmartServerFleetFixture.FleetSize, answers.Length);
        Assert.All(answers, a => Assert.Equal(expected[a.Jid], a.Point.Value!.Text));
        Assert.Equal(0, fleet.Client.PendingRequests);
    }

    [Fact]
    public async Task Disco_ASimulatedSmartServer_AdvertisesSoapAndTheAutomationIdentity()
    {
        var info = await fleet.Client.DiscoverAsync(SmartServerFleetFixture.Address(Device(8)), Ct);

        Assert.True(info.Supports(SoapNamespaces.DiscoFeature));
        Assert.Contains(info.Identities, i => i.Category == "automation" && i.Type == "soap");
    }

    public void Dispose() => fleet.Prosody.AttachLogIfFailed();
}
