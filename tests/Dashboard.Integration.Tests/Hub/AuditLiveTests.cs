using System.Collections.Concurrent;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Xmpp.SmartServer;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Hub;

/// <summary>
/// Audit entries pushed over /hubs/live as they are stored: to Admins only. Real Prosody, a simulated SmartServer,
/// the dashboard on Kestrel and two signed-in SignalR clients.
/// </summary>
public sealed class AuditLiveTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private readonly ConcurrentQueue<AuditEntryMessage> _adminAudit = new();
    private readonly ConcurrentQueue<AuditEntryMessage> _viewerAudit = new();
    private readonly ConcurrentQueue<SoapExchangeMessage> _viewerExchanges = new();
    private InProcessDashboard _dashboard = null!;
    private SimulatorFleet _fleet = null!;
    private Web.DashboardSession _admin = null!;
    private Web.DashboardSession _viewer = null!;
    private HubConnection _adminHub = null!;
    private HubConnection _viewerHub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var dashboardUser = $"dash{Guid.NewGuid():N}"[..16];
        var accounts = SimulatorFleet.Accounts(1, Random.Shared.Next(600_000, 700_000));
        await prosody.CreateAccountsAsync([.. accounts, (dashboardUser, "dashboard-password")], Ct);
        _dashboard = await InProcessDashboard.StartAsync(prosody, dashboardUser, "dashboard-password");
        _admin = await _dashboard.SignInAsync(DashboardRoles.Admin, cancellationToken: Ct);
        _viewer = await _dashboard.SignInAsync(DashboardRoles.Viewer, cancellationToken: Ct);
        _adminHub = _admin.LiveHub();
        _adminHub.On<AuditEntryMessage>(nameof(ILiveClient.AuditEntryAdded), _adminAudit.Enqueue);
        _viewerHub = _viewer.LiveHub();
        _viewerHub.On<AuditEntryMessage>(nameof(ILiveClient.AuditEntryAdded), _viewerAudit.Enqueue);
        _viewerHub.On<SoapExchangeMessage>(nameof(ILiveClient.SoapExchangeCompleted), _viewerExchanges.Enqueue);
        await _adminHub.StartAsync(Ct);
        await _viewerHub.StartAsync(Ct);
        _fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = $"{dashboardUser}@{prosody.Domain}",
            TickInterval = TimeSpan.FromSeconds(1),
        }, accounts, NullLoggerFactory.Instance, cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        prosody.AttachLogIfFailed();
        await _adminHub.DisposeAsync();
        await _viewerHub.DisposeAsync();
        _admin.Dispose();
        _viewer.Dispose();
        await _fleet.DisposeAsync();
        await _dashboard.DisposeAsync();
    }

    [Fact]
    public async Task SetpointWrite_ItsAuditEntry_ReachesAnAdminsSignalRClient_NotAViewers()
    {
        var device = _fleet.Devices[0];
        var registry = _dashboard.Get<DeviceRegistry>();
        await Eventually.WaitUntilAsync(() => registry.Find(device.Jid) is { Address: not null, Points.IsEmpty: false }, Deadline, "the device read", Ct);

        // The device page's Write goes through this service, with the signed-in Operator.
        var outcome = await _dashboard.Get<DeviceCommands>().WriteAsync(device.Jid, new PointWrite(Setpoint, "23.5", Priority: 120),
            TestUsers.Signed("operator-olga", DashboardRoles.Operator), Ct);
        Assert.True(outcome.Applied);

        await Eventually.WaitUntilAsync(() => _adminAudit.Any(a => a.Action == "point.write" && a.User == "operator-olga"), Deadline,
            "the write's audit entry at the Admin's SignalR client", Ct);
        var entry = _adminAudit.First(a => a.Action == "point.write");
        Assert.True(entry.Allowed);
        Assert.Contains("setpoint", entry.Target, StringComparison.Ordinal);

        // The viewer's connection is served in order: once it has a SOAP exchange announced after the audit entry went out,
        // an audit entry meant for it would have arrived first.
        var seen = _viewerExchanges.Count;
        await Eventually.WaitUntilAsync(() => _viewerExchanges.Count > seen, Deadline, "a later message at the Viewer's client", Ct);
        Assert.Empty(_viewerAudit);
    }
}
