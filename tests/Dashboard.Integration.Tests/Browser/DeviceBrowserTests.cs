using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The Devices and device pages in real Chromium, against the built app, real Prosody and simulated SmartServers.</summary>
public sealed class DeviceBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";

    private BrowserScenario _scenario = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _scenario = await BrowserScenario.StartAsync(prosody, new BrowserScenarioOptions { Devices = 3, Seed = 7 }, Ct);

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task SetpointWrittenFromTheDevicePage_IsConfirmedByTheDeviceAndAudited()
    {
        var page = await _scenario.SignedInPageAsync("operator-olly", DashboardRoles.Operator, cancellationToken: Ct);
        await page.GotoAsync(_scenario.Url("/devices"));

        foreach (var device in _scenario.Fleet.Devices)
        {
            var row = page.Locator("tr", new() { Has = page.Locator($"[data-testid=device-row][data-jid='{device.Jid}']") });
            await Assertions.Expect(row.Locator("[data-quality]")).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = 30_000 });
        }

        await Assertions.Expect(page.Locator("[data-testid=device-count]")).ToHaveTextAsync("3 of 3");
        await ChromiumBrowser.ScreenshotAsync(page, "devices");

        var target = _scenario.Fleet.Devices[0];
        await page.Locator($"[data-testid=device-row][data-jid='{target.Jid}']").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/devices/", StringComparison.Ordinal));
        var setpoint = page.Locator($"[data-testid=point-row][data-point='{Setpoint}']");
        await Assertions.Expect(setpoint.Locator("[data-quality]")).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = 15_000 });

        await setpoint.Locator("[data-testid=write-point]").ClickAsync();
        var value = page.Locator("[data-testid=write-value] input");
        await value.FillAsync("warm");
        await Assertions.Expect(page.Locator("[data-testid=write-value]")).ToContainTextAsync("Enter a number");
        await Assertions.Expect(page.Locator("[data-testid=write-confirm]")).ToBeDisabledAsync();
        await value.FillAsync("23.5");
        await Assertions.Expect(page.Locator("[data-testid=write-confirm]")).ToBeEnabledAsync();
        await page.Locator("[data-testid=write-confirm]").ClickAsync();

        await Assertions.Expect(setpoint.Locator("[data-testid=write-status]")).ToHaveAttributeAsync("data-state", "Confirmed", new() { Timeout = 15_000 });
        await Assertions.Expect(setpoint.Locator("[data-testid=point-value]")).ToContainTextAsync("23.5");
        await ChromiumBrowser.ScreenshotAsync(page, "device");

        var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={_scenario.Dashboard.DatabasePath}").Options;
        var writeTarget = $"{target.Jid}#{Setpoint}";
        await Eventually.WaitUntilAsync(async () =>
        {
            await using var db = new DashboardDbContext(options);
            return await db.AuditEntries.AnyAsync(a => a.Action == "point.write" && a.Target == writeTarget && a.User == "operator-olly"
                && a.Allowed && a.Details!.Contains("value=23.5"), Ct);
        }, TimeSpan.FromSeconds(10), "the write's audit entry in SQLite", Ct);
    }
}
