using System.Collections.Concurrent;
using Dashboard.Integration.Tests.Hub;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Integration.Tests.Web;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Push;

/// <summary>
/// The push path end to end: the dashboard (real Kestrel, BOSH) on a fixture's Prosody, simulated
/// SmartServers in push mode over TCP, and a signed-in Viewer's SignalR client on /hubs/live recording point messages.
/// </summary>
internal sealed class PushScenario : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly DashboardSession _viewer;
    public const string Temperature = SimulatedDevice.Prefix + "VirtFb/temp_thermostat";
    public const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    public const string Humidity = SimulatedDevice.Prefix + "VirtFb/humidity";
    public const string Occupancy = SimulatedDevice.Prefix + "VirtFb/occupancy";
    public const string Switch = SimulatedDevice.Prefix + "Digital Output 1/nvoClaValue_1";

    private PushScenario(InProcessDashboard dashboard, SimulatorFleet fleet, DashboardSession viewer, HubConnection signalR, string dashboardUser,
        IReadOnlyList<(string User, string Password)> accounts)
    {
        _viewer = viewer;
        Accounts = accounts;
        Dashboard = dashboard;
        Fleet = fleet;
        SignalR = signalR;
        DashboardUser = dashboardUser;
    }

    public InProcessDashboard Dashboard { get; }

    public SimulatorFleet Fleet { get; }

    public HubConnection SignalR { get; }

    public string DashboardUser { get; }

    /// <summary>The devices' accounts, in fleet order.</summary>
    public IReadOnlyList<(string User, string Password)> Accounts { get; }

    public ConcurrentQueue<PointsUpdatedMessage> Points { get; } = new();

    public DeviceRegistry Registry => Dashboard.Get<DeviceRegistry>();

    /// <summary>
    /// Starts the dashboard with <paramref name="settings"/> and <paramref name="devices"/> SmartServers in push
    /// mode; their points do not drift on their own (the test moves them).
    /// </summary>
    public static async Task<PushScenario> StartAsync(ProsodyFixture prosody, int devices,
        IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var dashboardUser = $"dash{Guid.NewGuid():N}"[..16];
        var accounts = SimulatorFleet.Accounts(devices, Random.Shared.Next(1, 1_000_000));
        await prosody.CreateAccountsAsync([.. accounts, (dashboardUser, "dashboard-password")], cancellationToken);
        var dashboard = await InProcessDashboard.StartAsync(prosody, dashboardUser, "dashboard-password", settings);
        var viewer = await dashboard.SignInAsync(DashboardRoles.Viewer, cancellationToken: cancellationToken);
        var signalR = viewer.LiveHub();
        var fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = $"{dashboardUser}@{prosody.Domain}",
            TickInterval = TimeSpan.FromHours(1),
            PushEvery = 1,
        }, accounts, NullLoggerFactory.Instance, cancellationToken: cancellationToken);
        var scenario = new PushScenario(dashboard, fleet, viewer, signalR, dashboardUser, accounts);
        signalR.On<PointsUpdatedMessage>(nameof(ILiveClient.PointsUpdated), scenario.Points.Enqueue);
        await signalR.StartAsync(cancellationToken);
        return scenario;
    }

    /// <summary>Waits until the device is online, its points listed and read, and the dashboard subscribed to it.</summary>
    public async Task WaitUntilReadyAsync(SimulatedSmartServer device, CancellationToken cancellationToken)
    {
        await Eventually.WaitUntilAsync(() => Registry.Find(device.Jid) is { IsOnline: true, Points.Count: 5 }
            && Dashboard.Get<XmppHub>().Client?.FindContact(device.Jid)?.Subscription is RosterSubscription.Both,
            Deadline, $"{device.Jid} online, read and subscribed both ways", cancellationToken);
    }

    public async Task<DashboardDbContext> DatabaseAsync(CancellationToken cancellationToken) =>
        await Dashboard.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(cancellationToken);

    /// <summary>The dashboard's full JID, where WebBinder Writes go.</summary>
    public Jid DashboardAddress => Dashboard.Get<XmppHub>().Client?.BoundJid ?? throw new InvalidOperationException("The dashboard is not connected.");

    /// <summary>A Write of one value of <paramref name="point"/>, as a SmartServer's WebBinder would send it.</summary>
    public static IReadOnlyList<DataPoint> Reading(string point, string value, DateTimeOffset lastUpdate) =>
        [new DataPoint(point, "Dp_Data", null, [new DataPointValue(value, "#0000000000000000[0].SNVT_temp", null)], "AL_NUL", 255, lastUpdate, null)];

    public static MessageProperties Properties(SimulatedSmartServer device) =>
        new(DateTimeOffset.UtcNow, device.Jid.Local!.ToUpperInvariant(), "10.0.0.9", 80, DateTimeOffset.UtcNow.AddDays(-1), 2);

    public async ValueTask DisposeAsync()
    {
        await SignalR.DisposeAsync();
        _viewer.Dispose();
        await Fleet.DisposeAsync();
        await Dashboard.DisposeAsync();
    }
}
