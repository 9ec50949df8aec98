using Dashboard.Integration.Tests.Web;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The alarms page and the wall display in real Chromium, against the built app, real Prosody and simulated SmartServers.</summary>
public sealed class AlarmsAndWallBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private static readonly float LiveTimeout = 45_000;
    private DashboardProcess _dashboard = null!;
    private SimulatorFleet _fleet = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var accounts = SimulatorFleet.Accounts(3, seed: 7);
        await prosody.CreateAccountsAsync([.. accounts, ("dashboard", "dashboard-password")], Ct);
        _fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = prosody.Domain,
            C2sPort = prosody.C2sPort,
            Dashboard = "dashboard@" + prosody.Domain,
            TickInterval = TimeSpan.FromSeconds(1),
        }, accounts, NullLoggerFactory.Instance, cancellationToken: Ct);
        _dashboard = await DashboardProcess.StartAsync(new Dictionary<string, string>
        {
            ["Dashboard__Xmpp__BoshUrl"] = prosody.BoshUri.ToString(),
            ["Dashboard__Xmpp__Jid"] = "dashboard@" + prosody.Domain,
            ["Dashboard__Xmpp__Password"] = "dashboard-password",
            ["Dashboard__Xmpp__AcceptDevicesFromOwnDomain"] = "true",
            ["Dashboard__Polling__Interval"] = "00:00:02",
        }, Ct);
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

    /// <summary>Drives the device's plant into a high-temperature alarm: its thermostat chases a setpoint far above the limit.</summary>
    private static void Overheat(SimulatedSmartServer device) =>
        Assert.Null(device.Device.Write(Setpoint, "35.0", null, 10, DateTimeOffset.UtcNow));

    [Fact]
    public async Task Alarms_SimulatedOverheat_ShownLiveAndAcknowledgedWithAComment()
    {
        var password = await _dashboard.CreateUserAsync("operator-olga", DashboardRoles.Operator, Ct);
        var page = await ChromiumBrowser.SignedInPageAsync(_browser, _dashboard.BaseAddress, "operator-olga", password);
        await page.GotoAsync(new Uri(_dashboard.BaseAddress, "/alarms").ToString());
        await Assertions.Expect(page.Locator("[data-testid=no-active-alarms]")).ToBeVisibleAsync(new() { Timeout = LiveTimeout });

        var hot = _fleet.Devices[0];
        Overheat(hot);

        var row = page.Locator("[data-testid=active-alarms] tbody tr", new() { HasText = hot.Jid.Bare.ToString() });
        await Assertions.Expect(row).ToContainTextAsync("AL_HIGH_LMT_ALM_1", new() { Timeout = LiveTimeout });
        await Assertions.Expect(row.Locator("[data-state]")).ToHaveAttributeAsync("data-state", "ActiveUnacknowledged");
        await Assertions.Expect(page.Locator("header [data-testid=alarm-count][data-severity=Medium]")).ToContainTextAsync("1 Medium");
        await ChromiumBrowser.ScreenshotAsync(page, "alarms");

        await row.Locator("[data-testid=ack-one]").ClickAsync();
        await page.Locator("textarea[data-testid=ack-comment]").FillAsync("thermostat setpoint checked");
        await page.Locator("[data-testid=ack-confirm]").ClickAsync();

        await Assertions.Expect(row.Locator("[data-state]")).ToHaveAttributeAsync("data-state", "ActiveAcknowledged");
        await Assertions.Expect(row).ToContainTextAsync("thermostat setpoint checked");
    }

    [Fact]
    public async Task Wall_DashboardRestarted_ShowsReconnectingThenComesBackLiveByItself()
    {
        var password = await _dashboard.CreateUserAsync("viewer-wally", DashboardRoles.Viewer, Ct);
        var page = await ChromiumBrowser.SignedInPageAsync(_browser, _dashboard.BaseAddress, "viewer-wally", password,
            new ViewportSize { Width = 1920, Height = 1080 });
        await page.GotoAsync(new Uri(_dashboard.BaseAddress, "/wall").ToString());
        Overheat(_fleet.Devices[0]);
        foreach (var device in _fleet.Devices)
        {
            await Assertions.Expect(Tile(page, device)).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = LiveTimeout });
        }

        await Assertions.Expect(page.Locator(".alarm-banner--flash")).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await ChromiumBrowser.ScreenshotAsync(page, "wall");
        Assert.StartsWith("alarm-banner-flash", await FlashAnimationAsync(page), StringComparison.Ordinal);
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        Assert.Equal("none", await FlashAnimationAsync(page));
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.NoPreference });

        await _dashboard.StopAsync();

        var banner = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(banner).ToContainTextAsync("Reconnecting");
        await Assertions.Expect(Tile(page, _fleet.Devices[1])).ToBeVisibleAsync(); // the last values stay readable behind the banner
        Assert.Equal(0, await page.Locator("dialog[open]").CountAsync());

        _dashboard = await _dashboard.StartAgainAsync(Ct);

        // No reload by the test: the page must find the new server, reload itself and show live data again.
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("[data-testid=xmpp-connection]")).ToContainTextAsync("XMPP: connected", new() { Timeout = LiveTimeout });
        foreach (var device in _fleet.Devices)
        {
            await Assertions.Expect(Tile(page, device)).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = LiveTimeout });
        }

        var leaving = _fleet.Devices[2];
        leaving.GoOffline();
        await Assertions.Expect(Tile(page, leaving)).ToHaveAttributeAsync("data-quality", "Offline", new() { Timeout = 10_000 });
    }

    private static Task<string> FlashAnimationAsync(IPage page) =>
        page.Locator(".alarm-banner--flash").EvaluateAsync<string>("element => getComputedStyle(element).animationName");

    private static ILocator Tile(IPage page, SimulatedSmartServer device) => page.Locator($"[data-testid=wall-tile][data-jid='{device.Jid.Bare}']");
}
