using System.Collections.Concurrent;
using Dashboard.Integration.Tests.Hub;
using Dashboard.Testing;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Xmpp;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>
/// In real Chromium under the dashboard's Content Security Policy: device strings with markup stay text,
/// no dialog opens, nothing is blocked that the pages need, and an Admin's display token signs a wall in and, revoked, out.
/// </summary>
public sealed class SecurityBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string ImagePayload = "<img src=x onerror=\"window.__xss=1\">";
    private const string ScriptPayload = "<svg onload=window.__xss=1>";
    private const string AnnotationPayload = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<string> _dialogs = new();
    private InProcessDashboard _dashboard = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _dashboard = await InProcessDashboard.StartWithoutXmppAsync(new Dictionary<string, string?> { ["Dashboard:Security:RevalidationInterval"] = "00:00:02" });
        (_playwright, _browser) = await ChromiumBrowser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _dashboard.DisposeAsync();
    }

    [Fact]
    public async Task Overview_DeviceNameAndPointWithMarkup_RenderInertUnderTheCsp()
    {
        var jid = Jid.Parse("00d071bad001@xmpp.test");
        var registry = _dashboard.Get<DeviceRegistry>();
        registry.AddOrUpdate(jid, ImagePayload);
        registry.Update(jid, d => d with
        {
            Availability = PresenceAvailability.Available,
            LastPolledAt = DateTimeOffset.UtcNow,
            Points = d.Points.SetItem(ScriptPayload, new PointState(ScriptPayload, ImagePayload, "°C", null, "AL_NUL", 255,
                DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, SampleOrigin.Poll)),
        }, LiveChangeKind.Points);
        var password = await _dashboard.CreateUserAsync("viewer-xss", DashboardRoles.Viewer, TestContext.Current.CancellationToken);

        var page = await SignedInAsync("viewer-xss", password);

        var tile = page.Locator($"[data-testid=device-tile][data-jid='{jid}']");
        await Assertions.Expect(tile).ToContainTextAsync(ImagePayload);
        await Assertions.Expect(tile).ToContainTextAsync(ScriptPayload);
        Assert.Equal(0, await page.Locator("img[src=x], svg[onload]").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "a payload ran");
        // The circuit is live under the policy: a change pushed now reaches the page.
        registry.Update(jid, d => d with { Availability = PresenceAvailability.Unavailable }, LiveChangeKind.Presence);
        await Assertions.Expect(tile.Locator("[data-quality]")).ToHaveAttributeAsync("data-quality", "Offline");
        Assert.Empty(_violations);
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task DevicePage_PointAnnotationWithMarkupFromASmartServer_RendersInertUnderTheCsp()
    {
        const string setpoint = Dashboard.Simulator.SimulatedDevice.Prefix + "VirtFb/setpoint";
        await using var scenario = await BrowserScenario.StartAsync(prosody, new BrowserScenarioOptions
        {
            Devices = 1,
            Seed = 23,
            PrepareFleet = fleet => fleet.Devices[0].Device.Annotate(setpoint, AnnotationPayload),
        }, TestContext.Current.CancellationToken);
        var page = await scenario.SignedInPageAsync("viewer-ann", DashboardRoles.Viewer, cancellationToken: TestContext.Current.CancellationToken);
        Watch(page);

        await page.GotoAsync(scenario.Url(Dashboard.Web.Components.Pages.Devices.DeviceLinks.To(scenario.Fleet.Devices[0].Jid.ToString())));

        var annotation = page.Locator($"[data-testid=point-row][data-point='{setpoint}'] [data-testid=point-annotation]");
        await Assertions.Expect(annotation).ToHaveTextAsync(AnnotationPayload, new() { Timeout = 30_000 });
        await Assertions.Expect(annotation).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=points] img, [data-testid=points] script").CountAsync());
        Assert.Empty(_dialogs);
        Assert.Empty(_violations);
    }

    [Fact]
    public async Task DisplayToken_IssuedOnTheAdminPage_SignsTheWallInAndRevokedSignsItOut()
    {
        var password = await _dashboard.CreateUserAsync("admin-ada", DashboardRoles.Admin, TestContext.Current.CancellationToken);
        var admin = await SignedInAsync("admin-ada", password);
        await admin.GotoAsync(new Uri(_dashboard.BaseAddress, "/admin/displays").ToString());
        await Assertions.Expect(admin.Locator("[data-testid=issue-token]")).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await admin.Locator("[data-testid=display-name] input, input[data-testid=display-name]").First.FillAsync("Lobby <b>east</b>");
        await admin.Locator("[data-testid=issue-token]").ClickAsync();
        var outcome = admin.Locator("[data-testid=issued-token], [data-testid=displays-message]").First;
        await outcome.WaitForAsync();
        Assert.True(await admin.Locator("[data-testid=issued-token]").CountAsync() == 1, "no token was issued: " + await outcome.InnerTextAsync());
        var url = await admin.Locator("[data-testid=issued-url] input, input[data-testid=issued-url]").First.InputValueAsync();
        Assert.StartsWith(new Uri(_dashboard.BaseAddress, "/display/sign-in?token=").ToString(), url, StringComparison.Ordinal);

        var wallContext = await _browser.NewContextAsync();
        var wall = await wallContext.NewPageAsync();
        Watch(wall);
        await wall.GotoAsync(url);
        Assert.EndsWith("/wall", wall.Url, StringComparison.Ordinal);
        await Assertions.Expect(wall.Locator("h1")).ToContainTextAsync("SmartServer Dashboard");

        await Assertions.Expect(admin.Locator("[data-testid=token-row]")).ToHaveTextAsync("Lobby <b>east</b>");
        await admin.Locator("[data-testid=revoke-token]").ClickAsync();
        await admin.Locator("[data-testid=confirm-revoke]").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=token-status]")).ToContainTextAsync("Revoked");

        await wall.WaitForURLAsync(u => u.Contains(IdentitySetup.SignInPath, StringComparison.Ordinal), new() { Timeout = 15_000 });
        Assert.Empty(_violations);
    }

    private async Task<IPage> SignedInAsync(string userName, string password)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        Watch(page);
        await ChromiumBrowser.SignInAsync(page, _dashboard.BaseAddress, userName, password);
        return page;
    }

    /// <summary>Records Content Security Policy violations and any dialog a payload opens (dismissed, so the page goes on).</summary>
    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _violations.Enqueue(message.Text);
            }
        };
        page.Dialog += async (_, dialog) =>
        {
            _dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
    }
}
