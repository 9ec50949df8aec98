using Dashboard.Integration.Tests.Web;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The overview in real Chromium, against the real app, real Prosody and simulated SmartServers.</summary>
public sealed class OverviewBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private DashboardProcess _dashboard = null!;
    private SimulatorFleet _fleet = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var accounts = SimulatorFleet.Accounts(4, seed: 42);
        await prosody.CreateAccountsAsync([.. accounts, ("dashboard", "dashboard-password")], ct);
        _fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = "dashboard@" + prosody.Domain,
            TickInterval = TimeSpan.FromSeconds(1),
        }, accounts, NullLoggerFactory.Instance, cancellationToken: ct);
        _dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>
        {
            ["Dashboard__Xmpp__BoshUrl"] = prosody.BoshUri.ToString(),
            ["Dashboard__Xmpp__Jid"] = "dashboard@" + prosody.Domain,
            ["Dashboard__Xmpp__Password"] = "dashboard-password",
            ["Dashboard__Xmpp__AcceptDevicesFromOwnDomain"] = "true",
            ["Dashboard__Polling__Interval"] = "00:00:02",
        }, ct);
        (_playwright, _browser) = await ChromiumBrowser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        prosody.AttachLogIfFailed();
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.AddAttachment("dashboard.log", _dashboard.Output);
        }

        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _dashboard.DisposeAsync();
        await _fleet.DisposeAsync();
    }

    [Fact]
    public async Task Overview_SimulatedDevicesOnline_ThenOneGoesOfflineAndTurnsOfflineWithoutReload()
    {
        var password = await _dashboard.CreateUserAsync("viewer-vera", DashboardRoles.Viewer, TestContext.Current.CancellationToken);
        var page = await ChromiumBrowser.SignedInPageAsync(_browser, _dashboard.BaseAddress, "viewer-vera", password);

        foreach (var device in _fleet.Devices)
        {
            var tile = page.Locator($"[data-testid=device-tile][data-jid='{device.Jid}']");
            await Assertions.Expect(tile.Locator("[data-quality]")).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = 30_000 });
        }

        await Assertions.Expect(page.Locator("[data-testid=xmpp-connection]")).ToContainTextAsync("connected");
        await ChromiumBrowser.ScreenshotAsync(page, "overview");

        var leaving = _fleet.Devices[0];
        leaving.GoOffline();

        var leavingTile = page.Locator($"[data-testid=device-tile][data-jid='{leaving.Jid}'] [data-quality]");
        await Assertions.Expect(leavingTile).ToHaveAttributeAsync("data-quality", "Offline", new() { Timeout = 2_000 });
        await Assertions.Expect(page.Locator("[data-testid=count-offline]")).ToContainTextAsync("1");
    }
}
