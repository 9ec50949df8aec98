using Dashboard.Testing;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Hub.Push;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Integration.Tests.Push;

/// <summary>Only devices the dashboard knows and is subscribed to may push: others get the XEP-0072 fault and change nothing.</summary>
public sealed class PushTrustTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = TestUsers.Signed("admin-ada", DashboardRoles.Admin);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_FromAJidThatIsNoDevice_IsRefusedWithASenderFault_LoggedAndChangesNothing()
    {
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?> { ["Dashboard:Polling:Interval"] = "01:00:00" }, Ct);
        var device = scenario.Fleet.Devices[0];
        await scenario.WaitUntilReadyAsync(device, Ct);
        var shown = scenario.Registry.Find(device.Jid)!.Points[PushScenario.Temperature];
        var (stranger, password) = await Xmpp.ClientFactory.NewAccountAsync(prosody, "stranger");
        await using var client = Xmpp.ClientFactory.Tcp(prosody, stranger, password);
        await client.ConnectAsync(Ct);

        var fault = await Assert.ThrowsAsync<SoapFault>(() => new WebBinderClient(new SoapClient(client))
            .WriteAsync(scenario.DashboardAddress, PushScenario.Reading(PushScenario.Temperature, "99.0", DateTimeOffset.UtcNow), PushScenario.Properties(device), Ct));

        Assert.Equal(SoapFaultCode.Sender, fault.Code);
        Assert.Contains("is not a device of this dashboard", fault.Reason, StringComparison.Ordinal);
        Assert.Null(scenario.Registry.Find(stranger));
        Assert.Equal(shown, scenario.Registry.Find(device.Jid)!.Points[PushScenario.Temperature]);
        await using var db = await scenario.DatabaseAsync(Ct);
        await Eventually.WaitUntilAsync(async () => await db.SoapExchanges.AnyAsync(e => e.Jid == stranger.ToString()
            && e.Operation == PushReceiver.Operation && e.Outcome == SoapOutcome.Fault, Ct), PushScenario.Deadline, "the refusal on the Logs page", Ct);
        Assert.False(await db.Samples.AnyAsync(s => s.Value == "99.0", Ct));
        Assert.False(await db.Devices.AnyAsync(d => d.Jid == stranger.ToString(), Ct));
    }

    [Fact]
    public async Task Write_FromAKnownDeviceTheDashboardIsNotSubscribedTo_IsRefused()
    {
        await using var scenario = await PushScenario.StartAsync(prosody, 1, new Dictionary<string, string?> { ["Dashboard:Polling:Interval"] = "01:00:00" }, Ct);
        var (silent, password) = await Xmpp.ClientFactory.NewAccountAsync(prosody, "unsubscribed");
        await using var client = Xmpp.ClientFactory.Tcp(prosody, silent, password); // never approves the dashboard's subscription
        await client.ConnectAsync(Ct);
        await scenario.Dashboard.Get<DeviceDirectory>().AddAsync(silent, "Never approved", null, null, DeviceSource.Manual, Admin, Ct);
        await Eventually.WaitUntilAsync(() => scenario.Dashboard.Get<XmppHub>().Client?.FindContact(silent) is { Subscription: RosterSubscription.None },
            PushScenario.Deadline, "the device in the dashboard's roster without a subscription", Ct);

        var fault = await Assert.ThrowsAsync<SoapFault>(() => new WebBinderClient(new SoapClient(client))
            .WriteAsync(scenario.DashboardAddress, PushScenario.Reading(PushScenario.Temperature, "99.0", DateTimeOffset.UtcNow), new MessageProperties(), Ct));

        Assert.Equal(SoapFaultCode.Sender, fault.Code);
        Assert.Contains("not subscribed", fault.Reason, StringComparison.Ordinal);
        Assert.Empty(scenario.Registry.Find(silent)!.Points);
    }
}
