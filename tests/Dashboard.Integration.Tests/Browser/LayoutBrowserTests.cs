using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Components.Pages.Devices;
using Dashboard.Web.Security;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>
/// Every main page at a desk monitor (1400×900), a wall screen (1920×1080) and a phone (390×844): the open
/// navigation drawer never covers the content, and no page or table is cut off at the right edge.
/// </summary>
public sealed class LayoutBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private const float LiveTimeout = 45_000;
    private BrowserScenario _scenario = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _scenario = await BrowserScenario.StartAsync(prosody, new BrowserScenarioOptions { Devices = 3, Seed = 11 }, Ct);

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task MainPages_AtDeskWallAndPhoneSizes_DrawerBesideTheContentAndNothingCutOff()
    {
        var device = _scenario.Fleet.Devices[0];
        // An open alarm, so the alarms table has rows and its Acknowledge column.
        Assert.Null(device.Device.Write(Setpoint, "35.0", null, 10, DateTimeOffset.UtcNow));
        var page = await _scenario.SignedInPageAsync("admin-layla", DashboardRoles.Admin, new ViewportSize { Width = 1400, Height = 900 }, Ct);
        await Assertions.Expect(page.Locator($"[data-testid=device-tile][data-jid='{device.Jid}'] [data-quality]"))
            .ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = LiveTimeout });

        var pages = new (string Name, string Path, string Ready)[]
        {
            ("overview", "/", "[data-testid=device-tile]"),
            ("devices", "/devices", "[data-testid=device-row]"),
            ("device", "/" + DeviceLinks.To(device.Jid.Bare.ToString()), "[data-testid=point-row]"),
            ("alarms", "/alarms", "[data-testid=active-alarms] [data-testid=ack-one]"),
            ("logs", "/logs", "h1"),
            ("settings", "/settings", "h1"),
            ("wall", "/wall", "[data-testid=wall-tile]"),
        };
        var problems = new List<string>();
        foreach (var (width, height) in new[] { (1400, 900), (1920, 1080), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var (name, path, ready) in pages)
            {
                await page.GotoAsync(_scenario.Url(path));
                var drawerBesideContent = width >= 960 && name != "wall";
                // As first painted from the server, before the page is interactive (seconds on a busy machine).
                var painted = await PageLayout.MeasureAsync(page);
                problems.AddRange(painted.Problems(drawerBesideContent && painted.DrawerOpen, checkColumns: false).Select(p => $"{name} at {width}×{height} before it is live: {p}"));

                await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
                if (drawerBesideContent)
                {
                    // The drawer slides in; measure once it has arrived.
                    await Assertions.Expect(page.Locator(".mud-drawer.mud-drawer--open")).ToBeVisibleAsync();
                    await page.WaitForFunctionAsync("() => document.querySelector('.mud-drawer').getBoundingClientRect().left >= 0");
                }

                var layout = await PageLayout.MeasureAsync(page);
                problems.AddRange(layout.Problems(drawerBesideContent, checkColumns: width >= 1400).Select(p => $"{name} at {width}×{height}: {p}"));
                if (width != 1920)
                {
                    await ChromiumBrowser.ScreenshotAsync(page, $"layout-{name}-{width}");
                }
            }
        }

        // Reached inside the running page, through the navigation and the device list, as an operator does.
        await page.SetViewportSizeAsync(1400, 900);
        await page.GotoAsync(_scenario.Url("/"));
        await page.Locator("nav a.mud-nav-link[href='devices']").ClickAsync();
        // The list is virtualised: its rows appear once the page is live, which can take longer than a click's own wait.
        var row = page.Locator($"[data-testid=device-row][data-jid='{device.Jid.Bare}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=point-row]").First).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        problems.AddRange((await PageLayout.MeasureAsync(page)).Problems(drawerBesideContent: true, checkColumns: true).Select(p => $"device reached by navigation: {p}"));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
