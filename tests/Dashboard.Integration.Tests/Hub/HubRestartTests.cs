using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Hub;
using Dashboard.Xmpp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Hub;

/// <summary>The XMPP server restarted under a running dashboard (its own Prosody: the others keep theirs).</summary>
public sealed class HubRestartTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IDisposable
{
    [Fact]
    public async Task ProsodyRestart_UnderTheHub_ReconnectsAndDevicesReturnToGood()
    {
        var ct = TestContext.Current.CancellationToken;
        var accounts = SimulatorFleet.Accounts(2, seed: 99);
        await prosody.CreateAccountsAsync([.. accounts, ("dashboard", "dashboard-password")], ct);
        await using var dashboard = await InProcessDashboard.StartAsync(prosody, "dashboard", "dashboard-password");
        await using var fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = "dashboard@" + prosody.Domain,
            TickInterval = TimeSpan.FromSeconds(1),
        }, accounts, NullLoggerFactory.Instance, cancellationToken: ct);
        var registry = dashboard.Get<DeviceRegistry>();
        var hub = dashboard.Get<XmppHub>();
        bool AllGood() => fleet.Devices.All(d => registry.Find(d.Jid)?.Quality(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10)) == PointQuality.Good);
        await Eventually.WaitUntilAsync(AllGood, TimeSpan.FromSeconds(30), "every device Good before the restart", ct);

        await prosody.StopAsync(ct);
        await Eventually.WaitUntilAsync(() => hub.Connection.State != XmppConnectionState.Connected, TimeSpan.FromSeconds(90),
            "the hub to notice the server is gone", ct);
        Assert.All(fleet.Devices, d => Assert.False(registry.Find(d.Jid)!.IsOnline));
        await prosody.StartAsync(ct);

        await Eventually.WaitUntilAsync(() => hub.Connection.IsConnected, TimeSpan.FromSeconds(60), "the hub reconnected", ct);
        await Eventually.WaitUntilAsync(AllGood, TimeSpan.FromSeconds(60), "every device Good again", ct);
    }

    public void Dispose() => prosody.AttachLogIfFailed();
}
