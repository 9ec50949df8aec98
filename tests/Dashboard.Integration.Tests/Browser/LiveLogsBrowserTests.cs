using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The Logs page's live audit tab in real Chromium against the built app: new entries on top, held while the reader scrolls.</summary>
public sealed class LiveLogsBrowserTests : IAsyncLifetime
{
    private const int OldEntries = 300;
    private BrowserScenario _scenario = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _scenario = await BrowserScenario.StartWithoutXmppAsync(cancellationToken: Ct);
        // A long audit trail already stored, so the list scrolls.
        var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={_scenario.Dashboard.DatabasePath}").Options;
        await using var db = new DashboardDbContext(options);
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        db.AuditEntries.AddRange(Enumerable.Range(0, OldEntries).Select(n => new AuditEntry
        {
            At = at.AddSeconds(n), User = "night-shift", Action = "alarm.acknowledge", Target = $"alarm {n}", Allowed = true,
        }));
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    private static ILocator Rows(IPage page) => page.Locator("[data-testid=audit-row]");

    [Fact]
    public async Task AuditTab_NewEntryOnTop_HeldWhileScrolledDown_ShownOnDemand()
    {
        var page = await _scenario.SignedInPageAsync("admin-ada", DashboardRoles.Admin, new ViewportSize { Width = 1400, Height = 900 }, Ct);
        await page.GotoAsync(_scenario.Url("/logs?tab=audit"));
        await Assertions.Expect(page.Locator(".mud-layout[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Audit" })).ToHaveAttributeAsync("aria-selected", "true");
        var notice = page.Locator("[data-testid=audit-held]");
        await Assertions.Expect(notice).ToHaveAttributeAsync("data-paused", "false", new() { Timeout = 15_000 });
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("admin-ada"); // its own sign-in, newest

        // Someone signs in elsewhere: the entry comes to the top of the open page.
        (await _scenario.Dashboard.SignInAsync(DashboardRoles.Viewer, "viewer-vic", Ct)).Dispose();
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("viewer-vic");
        await Assertions.Expect(Rows(page).First).ToContainTextAsync("account.sign-in");

        // Scrolled down, the reader's rows stay put and new ones are counted instead.
        await page.Locator("[data-testid=audit-list] .log-list__body").EvaluateAsync("e => e.scrollTop = 4000");
        await Assertions.Expect(notice).ToHaveAttributeAsync("data-paused", "true");
        (await _scenario.Dashboard.SignInAsync(DashboardRoles.Viewer, "viewer-val", Ct)).Dispose();
        await Assertions.Expect(page.Locator("[data-testid=audit-held-show]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.NotEqual("0", await notice.GetAttributeAsync("data-count"));
        Assert.Equal(0, await Rows(page).Filter(new() { HasText = "viewer-val" }).CountAsync());

        await page.Locator("[data-testid=audit-held-show]").ClickAsync();

        await Assertions.Expect(Rows(page).First).ToContainTextAsync("viewer-val");
        await Assertions.Expect(notice).ToHaveAttributeAsync("data-paused", "false");
        Assert.Equal(0, await page.Locator("[data-testid=audit-list] .log-list__body").EvaluateAsync<int>("e => e.scrollTop"));
    }
}
