using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Security;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The wall display in real Chromium when a simulated thermostat passes its second high limit: it jumps to the alarms.</summary>
public sealed class WallCriticalBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private const float LiveTimeout = 60_000;
    private BrowserScenario _scenario = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _scenario = await BrowserScenario.StartAsync(prosody, new BrowserScenarioOptions { Devices = 2, Seed = 31, SecondHighLimit = 30.0 }, Ct);

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task ThermostatPastItsSecondLimit_WallJumpsToTheAlarmsWithACriticalCount()
    {
        var page = await _scenario.SignedInPageAsync("viewer-wally", DashboardRoles.Viewer, new ViewportSize { Width = 1920, Height = 1080 }, Ct);
        await page.GotoAsync(_scenario.Url("/wall"));
        var hot = _scenario.Fleet.Devices[0];
        await Assertions.Expect(page.Locator($"[data-testid=wall-tile][data-jid='{hot.Jid.Bare}']")).ToHaveAttributeAsync("data-quality", "Good",
            new() { Timeout = LiveTimeout });
        await Assertions.Expect(page.Locator("[data-testid=wall-view]")).ToHaveAttributeAsync("data-view", "overview");

        // The plant heats far past both limits: first a Medium alarm (the banner flashes), then the Critical one.
        Assert.Null(hot.Device.Write(Setpoint, "60.0", null, 10, DateTimeOffset.UtcNow));

        await Assertions.Expect(page.Locator("[data-testid=wall-view]")).ToHaveAttributeAsync("data-view", "alarms", new() { Timeout = LiveTimeout });
        await Assertions.Expect(page.Locator("[data-testid=alarm-count][data-severity=Critical]")).ToContainTextAsync("1 Critical");
        await Assertions.Expect(page.Locator("[data-testid=wall-alarm]", new() { HasText = "AL_HIGH_LMT_ALM_2" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".alarm-banner--flash")).ToBeVisibleAsync();
    }
}
