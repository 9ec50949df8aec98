using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Components.Pages.Devices;
using Dashboard.Web.Security;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>Accessibility in real Chromium: axe-core's WCAG 2 A/AA rules on every main page in the light and dark theme.</summary>
public sealed class AccessibilityBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private const float LiveTimeout = 45_000;
    private const string LightTheme = "Switch to light theme";
    private const string DarkTheme = "Switch to dark theme";
    private BrowserScenario _scenario = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _scenario = await BrowserScenario.StartAsync(prosody, new BrowserScenarioOptions { Devices = 3, Seed = 23 }, Ct);

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task Axe_EveryMainPageInBothThemes_NoSeriousOrCriticalViolations()
    {
        var device = _scenario.Fleet.Devices[0];
        // An open alarm, so the banner, the alarm chips and the acknowledge buttons are checked too.
        Assert.Null(device.Device.Write(Setpoint, "35.0", null, 10, DateTimeOffset.UtcNow));
        var violations = new List<string>();

        var signIn = await _scenario.Browser.NewPageAsync();
        await signIn.GotoAsync(_scenario.Url("/account/sign-in"));
        violations.AddRange(await AxeCheck.ViolationsAsync(signIn, "sign-in (dark)"));

        var page = await _scenario.SignedInPageAsync("admin-alex", DashboardRoles.Admin, cancellationToken: Ct);
        var pages = new (string Name, string Path, string Ready)[]
        {
            ("overview", "/", $"[data-testid=device-tile][data-jid='{device.Jid}'] [data-quality=Good]"),
            ("devices", "/devices", "[data-testid=device-row]"),
            ("device", "/" + DeviceLinks.To(device.Jid.Bare.ToString()), "[data-testid=point-row] [data-testid=write-point]"),
            ("alarms", "/alarms", "[data-testid=active-alarms] [data-testid=ack-one]"),
            ("logs", "/logs", "[data-testid=soap-list]"),
            ("settings", "/settings", "h1"),
        };
        foreach (var (name, path, ready) in pages)
        {
            await page.GotoAsync(_scenario.Url(path));
            await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
            violations.AddRange(await AxeCheck.ViolationsAsync(page, $"{name} (dark)"));

            await SwitchThemeAsync(page);
            violations.AddRange(await AxeCheck.ViolationsAsync(page, $"{name} (light)"));
        }

        await page.GotoAsync(_scenario.Url("/wall"));
        await Assertions.Expect(page.Locator("[data-testid=wall-tile]").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        violations.AddRange(await AxeCheck.ViolationsAsync(page, "wall (dark)"));

        Assert.True(violations.Count == 0, "axe found serious or critical violations:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    /// <summary>Switches the operator theme with its app bar button and waits until the page is painted in the other palette, transitions done.</summary>
    private static async Task SwitchThemeAsync(IPage page)
    {
        var before = await BackgroundAsync(page);
        var toggle = page.Locator($"header button[aria-label='{LightTheme}'], header button[aria-label='{DarkTheme}']");
        var wasDark = await toggle.GetAttributeAsync("aria-label") == LightTheme;
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", wasDark ? DarkTheme : LightTheme);
        await page.WaitForFunctionAsync("before => getComputedStyle(document.body).backgroundColor !== before", before);
        // Colours change through CSS transitions; axe must see the end colours, not one in between.
        await page.WaitForFunctionAsync("() => document.getAnimations().filter(a => a instanceof CSSTransition).every(a => a.playState !== 'running')");
    }

    private static Task<string> BackgroundAsync(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
