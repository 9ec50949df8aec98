using Dashboard.Testing;
using Dashboard.Web.Security;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The overview in real Chromium, against the real app, real Prosody and simulated SmartServers.</summary>
public sealed class OverviewBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private BrowserScenario _scenario = null!;

    public async ValueTask InitializeAsync() =>
        _scenario = await BrowserScenario.StartAsync(prosody, new BrowserScenarioOptions { Devices = 4, Seed = 42 }, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task Overview_SimulatedDevicesOnline_ThenOneGoesOfflineAndTurnsOfflineWithoutReload()
    {
        var page = await _scenario.SignedInPageAsync("viewer-vera", DashboardRoles.Viewer, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var device in _scenario.Fleet.Devices)
        {
            var tile = page.Locator($"[data-testid=device-tile][data-jid='{device.Jid}']");
            await Assertions.Expect(tile.Locator("[data-quality]")).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = 30_000 });
        }

        await Assertions.Expect(page.Locator("[data-testid=xmpp-connection]")).ToContainTextAsync("connected");
        await ChromiumBrowser.ScreenshotAsync(page, "overview");

        var leaving = _scenario.Fleet.Devices[0];
        leaving.GoOffline();

        var leavingTile = page.Locator($"[data-testid=device-tile][data-jid='{leaving.Jid}'] [data-quality]");
        await Assertions.Expect(leavingTile).ToHaveAttributeAsync("data-quality", "Offline");
        await Assertions.Expect(page.Locator("[data-testid=count-offline]")).ToContainTextAsync("1");
    }
}
