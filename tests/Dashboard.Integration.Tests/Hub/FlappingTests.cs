using System.Collections.Concurrent;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Hub;

/// <summary>A device flapping its presence fast, through real Prosody to the dashboard and a SignalR client.</summary>
public sealed class FlappingTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IDisposable
{
    [Fact]
    public async Task FlappingDevice_DoesNotFloodTheDatabaseOrTheBrowsers_AndEndsInItsTrueState()
    {
        var ct = TestContext.Current.CancellationToken;
        var accounts = SimulatorFleet.Accounts(1, seed: 4242);
        await prosody.CreateAccountsAsync([.. accounts, ("flapdash", "dashboard-password")], ct);
        await using var dashboard = await InProcessDashboard.StartAsync(prosody, "flapdash", "dashboard-password");
        var messages = new ConcurrentQueue<DevicePresenceMessage>();
        using var viewer = await dashboard.SignInAsync(DashboardRoles.Viewer, cancellationToken: ct);
        await using var signalR = viewer.LiveHub();
        signalR.On<DevicePresenceMessage>(nameof(ILiveClient.PresenceChanged), messages.Enqueue);
        await signalR.StartAsync(ct);
        await using var fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = "flapdash@" + prosody.Domain,
        }, accounts, NullLoggerFactory.Instance, cancellationToken: ct);
        var device = fleet.Devices[0];
        var registry = dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => registry.Find(device.Jid)?.IsOnline == true, TimeSpan.FromSeconds(30), "the device online", ct);
        messages.Clear();

        const int Flaps = 200;
        for (var i = 0; i < Flaps; i++)
        {
            if (i % 2 == 0)
            {
                device.GoOffline();
            }
            else
            {
                device.GoOnline();
            }
        }

        device.GoOffline(); // the true final state
        await Eventually.WaitUntilAsync(() => registry.Find(device.Jid)?.IsOnline == false && messages.LastOrDefault() is { Online: false },
            TimeSpan.FromSeconds(20), "the final offline state on the dashboard and as the SignalR client's last message", ct);
        await dashboard.Get<StoreWriter>().FlushAsync(ct);

        await using var db = await dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct);
        var rows = await db.PresenceEvents.CountAsync(e => e.Jid == device.Jid.ToString(), ct);
        Assert.InRange(rows, 1, PresenceFloodGuard.MaxPerWindow);
        Assert.True(messages.Count < Flaps / 4, $"{messages.Count} SignalR presence messages for {Flaps} changes: not coalesced");
        Assert.All(messages, m => Assert.Equal(device.Jid.ToString(), m.Jid));
    }

    public void Dispose() => prosody.AttachLogIfFailed();
}
