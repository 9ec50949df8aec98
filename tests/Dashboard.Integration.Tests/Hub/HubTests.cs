using System.Collections.Concurrent;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Hub;

/// <summary>
/// The hub end to end: real Prosody, simulated SmartServers over TCP, the dashboard over BOSH on real
/// Kestrel, SQLite on disk, and a SignalR client listening on /hubs/live.
/// </summary>
public sealed class HubTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private static readonly System.Security.Claims.ClaimsPrincipal Ann = TestUsers.Signed("operator-ann", DashboardRoles.Operator);
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = TestUsers.Signed("admin-ada", DashboardRoles.Admin);
    private readonly ConcurrentQueue<DevicePresenceMessage> _presence = new();
    private readonly ConcurrentQueue<PointsUpdatedMessage> _points = new();
    private InProcessDashboard _dashboard = null!;
    private SimulatorFleet _fleet = null!;
    private HubConnection _signalR = null!;
    private Web.DashboardSession _viewer = null!;
    private IReadOnlyList<(string User, string Password)> _accounts = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var dashboardUser = $"dash{Guid.NewGuid():N}"[..16];
        _accounts = SimulatorFleet.Accounts(3, Random.Shared.Next(1, 100_000));
        await prosody.CreateAccountsAsync([.. _accounts, (dashboardUser, "dashboard-password")], Ct);
        _dashboard = await InProcessDashboard.StartAsync(prosody, dashboardUser, "dashboard-password");
        _viewer = await _dashboard.SignInAsync(DashboardRoles.Viewer, cancellationToken: Ct);
        _signalR = _viewer.LiveHub();
        _signalR.On<DevicePresenceMessage>(nameof(ILiveClient.PresenceChanged), _presence.Enqueue);
        _signalR.On<PointsUpdatedMessage>(nameof(ILiveClient.PointsUpdated), _points.Enqueue);
        await _signalR.StartAsync(Ct);
        _fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = $"{dashboardUser}@{prosody.Domain}",
            TickInterval = TimeSpan.FromSeconds(1),
        }, _accounts, NullLoggerFactory.Instance, cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        prosody.AttachLogIfFailed();
        await _signalR.DisposeAsync();
        _viewer.Dispose();
        await _fleet.DisposeAsync();
        await _dashboard.DisposeAsync();
    }

    [Fact]
    public async Task DeviceOnline_ReachesSignalRAndSqliteAndItsPointsGood()
    {
        var device = _fleet.Devices[0].Jid.ToString();

        await Eventually.WaitUntilAsync(() => _presence.Any(p => p.Jid == device && p.Online), Deadline, "a presence message for the device", Ct);
        await Eventually.WaitUntilAsync(() => _points.Any(p => p.Jid == device && p.Points.Any(q => q.Quality == "Good")), Deadline,
            "its points read and pushed as Good", Ct);

        await using var db = await _dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        Assert.True(await db.Devices.AnyAsync(d => d.Jid == device, Ct));
        await Eventually.WaitUntilAsync(async () => await db.PresenceEvents.AnyAsync(e => e.Jid == device && e.Availability == "Available", Ct),
            Deadline, "the presence event row", Ct);
        await Eventually.WaitUntilAsync(async () => await db.Samples.AnyAsync(Ct) && await db.SoapExchanges.AnyAsync(e => e.Jid == device, Ct),
            Deadline, "samples and SOAP exchange rows", Ct);
    }

    [Fact]
    public async Task DeviceGoesOffline_IsPushedOfflineAndItsPointsOffline()
    {
        var device = _fleet.Devices[1];
        var registry = _dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => registry.Find(device.Jid) is { IsOnline: true, Points.IsEmpty: false }, Deadline, "the device online and read", Ct);
        _presence.Clear(); // a device is announced offline when first taken in; only what follows counts

        device.GoOffline();

        await Eventually.WaitUntilAsync(() => _presence.Any(p => p.Jid == device.Jid.ToString() && !p.Online), TimeSpan.FromSeconds(20),
            "an offline presence message pushed (its latency is measured by bench presence)", Ct);
        Assert.Equal(PointQuality.Offline, registry.Find(device.Jid)!.Quality(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Write_Setpoint_IsConfirmedByReadBackAndAudited()
    {
        var device = _fleet.Devices[2];
        var registry = _dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => registry.Find(device.Jid) is { Address: not null }, Deadline, "the device online", Ct);

        var outcome = await _dashboard.Get<DeviceCommands>().WriteAsync(device.Jid, new PointWrite(Setpoint, "24.5", Priority: 120), Ann, Ct);

        Assert.True(outcome.Applied);
        Assert.Equal("24.5", outcome.Point.Value);
        Assert.Equal(120, outcome.Point.Priority);
        Assert.Equal("24.5", device.Device.Snapshot([Setpoint]).Single().Value);
        await using var db = await _dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        await Eventually.WaitUntilAsync(async () => await db.AuditEntries.AnyAsync(a => a.User == "operator-ann" && a.Action == "point.write"
            && a.Target.Contains("setpoint"), Ct), Deadline, "the audit row", Ct);
        await Eventually.WaitUntilAsync(async () => await db.Samples.AnyAsync(s => s.Origin == SampleOrigin.Write && s.Value == "24.5", Ct),
            Deadline, "the written value's sample", Ct);
    }

    [Fact]
    public async Task Write_ValueTheDeviceRefuses_FailsWithTheItemFaultAndChangesNothing()
    {
        var device = _fleet.Devices[2];
        var registry = _dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => registry.Find(device.Jid) is { Address: not null, Points.IsEmpty: false }, Deadline, "the device read", Ct);
        var before = device.Device.Snapshot([Setpoint]).Single().Value;

        await Assert.ThrowsAsync<SmartServerItemFaultException>(() =>
            _dashboard.Get<DeviceCommands>().WriteAsync(device.Jid, new PointWrite(Setpoint, "warm"), Ann, Ct));

        Assert.Equal(before, device.Device.Snapshot([Setpoint]).Single().Value);
    }

    [Fact]
    public async Task Write_ByAViewer_IsDeniedInTheServiceAuditedAndNeverSent()
    {
        var device = _fleet.Devices[1];
        var registry = _dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => registry.Find(device.Jid) is { Address: not null, Points.IsEmpty: false }, Deadline, "the device read", Ct);
        var before = device.Device.Snapshot([Setpoint]).Single() is var p ? (p.Value, p.Priority) : default;

        await Assert.ThrowsAsync<ActionDeniedException>(() => _dashboard.Get<DeviceCommands>()
            .WriteAsync(device.Jid, new PointWrite(Setpoint, "30", Priority: 1), TestUsers.Signed("lobby-display", DashboardRoles.Viewer), Ct));

        await using var db = await _dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);
        await Eventually.WaitUntilAsync(async () => await db.AuditEntries.AnyAsync(a => a.User == "lobby-display" && !a.Allowed, Ct),
            Deadline, "the denial's audit row", Ct);
        var after = device.Device.Snapshot([Setpoint]).Single();
        Assert.Equal(before, (after.Value, after.Priority));
    }

    [Fact]
    public async Task AddDevice_ByJid_IsStoredSubscribedAndComesOnline()
    {
        var extra = SimulatorFleet.Accounts(1, Random.Shared.Next(200_000, 300_000));
        await prosody.CreateAccountsAsync(extra, Ct);
        await using var lone = await SimulatorFleet.StartAsync(new FleetOptions { Domain = prosody.Domain, C2sPort = prosody.C2sPort },
            extra, NullLoggerFactory.Instance, cancellationToken: Ct);
        var jid = lone.Devices[0].Jid;

        await _dashboard.Get<DeviceDirectory>().AddAsync(jid, "Plant room 3", "HQ", "Basement", DeviceSource.Manual, Admin, Ct);

        var registry = _dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => registry.Find(jid) is { IsOnline: true, Points.IsEmpty: false }, Deadline,
            "the added device online and read", Ct);
        Assert.Equal("Plant room 3", registry.Find(jid)!.Name);
    }

    [Fact]
    public async Task AddDevice_ThatDoesNotAdvertiseSoap_IsMarkedFaultWithTheReason()
    {
        var user = $"plain{Guid.NewGuid():N}"[..16];
        await prosody.CreateAccountAsync(user, "plain-password", Ct);
        await using var plain = Xmpp.ClientFactory.Tcp(prosody, new Jid(user, prosody.Domain, null), "plain-password");
        plain.SubscriptionRequested += (_, from) => plain.ApproveSubscription(from);
        await plain.ConnectAsync(Ct);

        await _dashboard.Get<DeviceDirectory>().AddAsync(new Jid(user, prosody.Domain, null), "Not a SmartServer", null, null, DeviceSource.Manual, Admin, Ct);

        var registry = _dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => registry.Find(new Jid(user, prosody.Domain, null))?.LastError?.Contains("does not advertise SOAP", StringComparison.Ordinal) == true,
            Deadline, "the device marked Fault for not speaking SOAP", Ct);
    }
}
