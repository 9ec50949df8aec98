using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The alarms page with 2,000 open alarms in real Chromium against the built app: rows rendered as they scroll into view, bulk acknowledgement of a filtered selection.</summary>
public sealed class AlarmsVirtualizationBrowserTests : IAsyncLifetime
{
    private const int PerDevice = 1000;
    private BrowserScenario _scenario = null!;
    private DbContextOptions<DashboardDbContext> _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _scenario = await BrowserScenario.StartWithoutXmppAsync(cancellationToken: Ct);
        _database = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={_scenario.Dashboard.DatabasePath}").Options;
        await using var db = new DashboardDbContext(_database);
        var boiler = new Device { Jid = "00d071a1b2c3@xmpp.test", Name = "Boiler room" };
        var lobby = new Device { Jid = "00d071a1b2c4@xmpp.test", Name = "Lobby" };
        db.Devices.AddRange(boiler, lobby);
        await db.SaveChangesAsync(Ct);
        var raised = DateTimeOffset.UtcNow;
        for (var n = 0; n < PerDevice; n++)
        {
            db.Alarms.Add(new Alarm
            {
                DeviceId = boiler.Id, PointName = $"Net/LON/iLON App/VirtFb/temp_{n}", Condition = "AL_HIGH_LMT_ALM_2",
                Severity = AlarmSeverity.Critical, State = AlarmState.ActiveUnacknowledged, RaisedAt = raised.AddSeconds(-n),
            });
            db.Alarms.Add(new Alarm
            {
                DeviceId = lobby.Id, PointName = $"Net/LON/iLON App/VirtFb/humidity_{n}", Condition = "AL_LOW_LMT_ALM_1",
                Severity = AlarmSeverity.Medium, State = AlarmState.ActiveUnacknowledged, RaisedAt = raised.AddSeconds(-n),
            });
        }

        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task TwoThousandAlarms_RowsRenderAsTheyScrollIn_FilteredSelectAllAcknowledgesThemAll()
    {
        var page = await _scenario.SignedInPageAsync("operator-olga", DashboardRoles.Operator, new ViewportSize { Width = 1400, Height = 900 }, Ct);
        await page.GotoAsync(_scenario.Url("/alarms"));
        var table = page.Locator("[data-testid=active-alarms]");
        await Assertions.Expect(table).ToContainTextAsync("2000 of 2000 open", new() { Timeout = 15_000 });
        // Scrolling the prerendered table renders nothing new: it is scrolled once the page runs over its circuit.
        await Assertions.Expect(page.Locator(".mud-layout[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Assertions.Expect(page.Locator("[data-testid=alarm-row]").First).ToBeVisibleAsync(); // rows come once the browser measured the table
        Assert.InRange(await page.Locator("[data-testid=alarm-row]").CountAsync(), 1, 149);

        // The oldest alarm is not in the page until the table is scrolled to it.
        Assert.Equal(0, await table.Locator("tr", new() { HasText = "temp_999" }).CountAsync());
        // Like a reader holding End: the rows rendered at the bottom change the table's height, so it is scrolled
        // to the end again on each check until the oldest row is there.
        await page.WaitForFunctionAsync("""
            () => {
                const container = document.querySelector('[data-testid=active-alarms] .mud-table-container');
                container.scrollTop = container.scrollHeight;
                return [...container.querySelectorAll('tr')].some(row => row.textContent.includes('temp_999'));
            }
            """, null, new() { PollingInterval = 100, Timeout = 15_000 });
        await Assertions.Expect(table.Locator("tr", new() { HasText = "temp_999" })).ToBeVisibleAsync();
        Assert.InRange(await page.Locator("[data-testid=alarm-row]").CountAsync(), 1, 149);

        await page.Locator("input[data-testid=filter-device]").FillAsync("Lobby");
        await Assertions.Expect(table).ToContainTextAsync("1000 of 2000 open", new() { Timeout = 15_000 });
        await table.Locator("thead input[type=checkbox]").ClickAsync(new() { Force = true });
        await Assertions.Expect(page.Locator("[data-testid=ack-selected]")).ToContainTextAsync("(1000)");
        await page.Locator("[data-testid=ack-selected]").ClickAsync();
        await page.Locator("textarea[data-testid=ack-comment]").FillAsync("lobby sensors recalibrated");
        await page.Locator("[data-testid=ack-confirm]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=alarms-message]")).ToContainTextAsync("1000 alarms acknowledged.", new() { Timeout = 15_000 });
        await using var db = new DashboardDbContext(_database);
        Assert.Equal(PerDevice, await db.Alarms.CountAsync(a => a.Severity == AlarmSeverity.Medium && a.State == AlarmState.ActiveAcknowledged
            && a.AcknowledgedBy == "operator-olga", Ct));
        Assert.Equal(PerDevice, await db.Alarms.CountAsync(a => a.Severity == AlarmSeverity.Critical && a.State == AlarmState.ActiveUnacknowledged, Ct));
    }
}
