using Dashboard.Integration.Tests.Web;
using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The Devices and device pages in real Chromium, against the built app, real Prosody and simulated SmartServers.</summary>
public sealed class DeviceBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
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

    [Fact]
    public async Task SetpointWrittenFromTheDevicePage_IsConfirmedByTheDeviceAndAudited()
    {
        var password = await _dashboard.CreateUserAsync("operator-olly", DashboardRoles.Operator, Ct);
        var page = await ChromiumBrowser.SignedInPageAsync(_browser, _dashboard.BaseAddress, "operator-olly", password);
        await page.GotoAsync(new Uri(_dashboard.BaseAddress, "/devices").ToString());

        foreach (var device in _fleet.Devices)
        {
            var row = page.Locator("tr", new() { Has = page.Locator($"[data-testid=device-row][data-jid='{device.Jid}']") });
            await Assertions.Expect(row.Locator("[data-quality]")).ToHaveAttributeAsync("data-quality", "Good", new() { Timeout = 30_000 });
        }

        await Assertions.Expect(page.Locator("[data-testid=device-count]")).ToHaveTextAsync("3 of 3");
        await ChromiumBrowser.ScreenshotAsync(page, "devices");

        var target = _fleet.Devices[0];
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

        var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={_dashboard.DatabasePath}").Options;
        var writeTarget = $"{target.Jid}#{Setpoint}";
        await Eventually.WaitUntilAsync(async () =>
        {
            await using var db = new DashboardDbContext(options);
            return await db.AuditEntries.AnyAsync(a => a.Action == "point.write" && a.Target == writeTarget && a.User == "operator-olly"
                && a.Allowed && a.Details!.Contains("value=23.5"), Ct);
        }, TimeSpan.FromSeconds(10), "the write's audit entry in SQLite", Ct);
    }
}
