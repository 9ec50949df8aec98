using System.Collections.Concurrent;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>
/// A setpoint written from the device page in Chromium: its audit entry reaches an Admin's /hubs/live client as it is
/// stored, and never a Viewer's. The built app, real Prosody and a simulated SmartServer.
/// </summary>
public sealed class AuditLiveBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<AuditEntryMessage> _adminAudit = new();
    private readonly ConcurrentQueue<AuditEntryMessage> _viewerAudit = new();
    private readonly ConcurrentQueue<SoapExchangeMessage> _viewerExchanges = new();
    private BrowserScenario _scenario = null!;
    private Web.DashboardSession _admin = null!;
    private Web.DashboardSession _viewer = null!;
    private HubConnection _adminHub = null!;
    private HubConnection _viewerHub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _scenario = await BrowserScenario.StartAsync(prosody, new BrowserScenarioOptions { Devices = 1, Seed = 23 }, Ct);
        _admin = await _scenario.Dashboard.SignInAsync(DashboardRoles.Admin, "admin-ada", Ct);
        _viewer = await _scenario.Dashboard.SignInAsync(DashboardRoles.Viewer, "viewer-vera", Ct);
        _adminHub = _admin.LiveHub();
        _adminHub.On<AuditEntryMessage>(nameof(ILiveClient.AuditEntryAdded), _adminAudit.Enqueue);
        _viewerHub = _viewer.LiveHub();
        _viewerHub.On<AuditEntryMessage>(nameof(ILiveClient.AuditEntryAdded), _viewerAudit.Enqueue);
        _viewerHub.On<SoapExchangeMessage>(nameof(ILiveClient.SoapExchangeCompleted), _viewerExchanges.Enqueue);
        await _adminHub.StartAsync(Ct);
        await _viewerHub.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _adminHub.DisposeAsync();
        await _viewerHub.DisposeAsync();
        _admin.Dispose();
        _viewer.Dispose();
        await _scenario.DisposeAsync();
    }

    [Fact]
    public async Task SetpointWrittenFromTheDevicePage_AuditEntryReachesTheAdminsSignalRClient_NotTheViewers()
    {
        var page = await _scenario.SignedInPageAsync("operator-olly", DashboardRoles.Operator, cancellationToken: Ct);
        var target = _scenario.Fleet.Devices[0];
        await page.GotoAsync(_scenario.Url("/devices"));
        await page.Locator($"[data-testid=device-row][data-jid='{target.Jid}']").ClickAsync(new() { Timeout = 30_000 });
        await page.WaitForURLAsync(url => url.Contains("/devices/", StringComparison.Ordinal));
        var setpoint = page.Locator($"[data-testid=point-row][data-point='{Setpoint}']");
        await Assertions.Expect(setpoint.Locator("[data-quality]")).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = 30_000 });

        await setpoint.Locator("[data-testid=write-point]").ClickAsync();
        await page.Locator("[data-testid=write-value] input").FillAsync("22.5");
        await page.Locator("[data-testid=write-confirm]").ClickAsync();
        await Assertions.Expect(setpoint.Locator("[data-testid=write-status]")).ToHaveAttributeAsync("data-state", "Confirmed", new() { Timeout = 15_000 });

        await Eventually.WaitUntilAsync(() => _adminAudit.Any(a => a.Action == "point.write" && a.User == "operator-olly"), Deadline,
            "the write's audit entry at the Admin's SignalR client", Ct);
        var entry = _adminAudit.First(a => a.Action == "point.write");
        Assert.True(entry.Allowed);
        Assert.Equal($"{target.Jid}#{Setpoint}", entry.Target);

        // The Viewer's connection is served in order: a SOAP exchange announced after the entry went out would follow it.
        var seen = _viewerExchanges.Count;
        await Eventually.WaitUntilAsync(() => _viewerExchanges.Count > seen, Deadline, "a later message at the Viewer's client", Ct);
        Assert.Empty(_viewerAudit);
    }
}
