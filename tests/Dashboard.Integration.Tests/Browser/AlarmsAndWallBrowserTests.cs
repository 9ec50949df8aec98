using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Security;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The alarms page and the wall display in real Chromium, against the built app, real Prosody and simulated SmartServers.</summary>
public sealed class AlarmsAndWallBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private static readonly float LiveTimeout = 45_000;

    private BrowserScenario _scenario = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _scenario = await BrowserScenario.StartAsync(prosody, new BrowserScenarioOptions { Devices = 3, Seed = 7 }, Ct);

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    /// <summary>Drives the device's plant into a high-temperature alarm: its thermostat chases a setpoint far above the limit.</summary>
    private static void Overheat(SimulatedSmartServer device) =>
        Assert.Null(device.Device.Write(Setpoint, "35.0", null, 10, DateTimeOffset.UtcNow));

    [Fact]
    public async Task Alarms_SimulatedOverheat_ShownLiveAndAcknowledgedWithAComment()
    {
        var page = await _scenario.SignedInPageAsync("operator-olga", DashboardRoles.Operator, cancellationToken: Ct);
        await page.GotoAsync(_scenario.Url("/alarms"));
        await Assertions.Expect(page.Locator("[data-testid=no-active-alarms]")).ToBeVisibleAsync(new() { Timeout = LiveTimeout });

        var hot = _scenario.Fleet.Devices[0];
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
        var page = await _scenario.SignedInPageAsync("viewer-wally", DashboardRoles.Viewer, new ViewportSize { Width = 1920, Height = 1080 }, Ct);
        await page.GotoAsync(_scenario.Url("/wall"));
        Overheat(_scenario.Fleet.Devices[0]);
        foreach (var device in _scenario.Fleet.Devices)
        {
            await Assertions.Expect(Tile(page, device)).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = LiveTimeout });
        }

        await Assertions.Expect(page.Locator(".alarm-banner--flash")).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await ChromiumBrowser.ScreenshotAsync(page, "wall");
        Assert.StartsWith("alarm-banner-flash", await FlashAnimationAsync(page), StringComparison.Ordinal);
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        Assert.Equal("none", await FlashAnimationAsync(page));
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.NoPreference });

        await _scenario.StopDashboardAsync();

        var banner = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(banner).ToContainTextAsync("Reconnecting");
        await Assertions.Expect(Tile(page, _scenario.Fleet.Devices[1])).ToBeVisibleAsync(); // the last values stay readable behind the banner
        Assert.Equal(0, await page.Locator("dialog[open]").CountAsync());

        await _scenario.StartDashboardAgainAsync(Ct);

        // No reload by the test: the page must find the new server, reload itself and show live data again.
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("[data-testid=xmpp-connection]")).ToContainTextAsync("XMPP: connected", new() { Timeout = LiveTimeout });
        foreach (var device in _scenario.Fleet.Devices)
        {
            await Assertions.Expect(Tile(page, device)).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = LiveTimeout });
        }

        var leaving = _scenario.Fleet.Devices[2];
        leaving.GoOffline();
        await Assertions.Expect(Tile(page, leaving)).ToHaveAttributeAsync("data-quality", "Offline");
    }

    private static Task<string> FlashAnimationAsync(IPage page) =>
        page.Locator(".alarm-banner--flash").EvaluateAsync<string>("element => getComputedStyle(element).animationName");

    private static ILocator Tile(IPage page, SimulatedSmartServer device) => page.Locator($"[data-testid=wall-tile][data-jid='{device.Jid.Bare}']");
}
