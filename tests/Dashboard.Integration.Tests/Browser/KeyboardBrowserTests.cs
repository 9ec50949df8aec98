using Dashboard.Simulator;
using Dashboard.Testing;
using Dashboard.Web.Security;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>The dashboard worked by keyboard alone in real Chromium: signing in, the navigation, a device and the setpoint dialog.</summary>
public sealed class KeyboardBrowserTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IAsyncLifetime
{
    private const string Setpoint = SimulatedDevice.Prefix + "VirtFb/setpoint";
    private const float LiveTimeout = 45_000;
    private BrowserScenario _scenario = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _scenario = await BrowserScenario.StartAsync(prosody, new BrowserScenarioOptions { Devices = 2, Seed = 29 }, Ct);

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task Keyboard_SignInOverviewDeviceAndSetpointDialog_WorkWithoutAMouse()
    {
        var password = await _scenario.Dashboard.CreateUserAsync("operator-kay", DashboardRoles.Operator, Ct);
        var context = await _scenario.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(_scenario.Url("/account/sign-in"));
        await TabToAsync(page, "#user-name");
        await page.Keyboard.TypeAsync("operator-kay");
        await TabOnceToAsync(page, "#password");
        await page.Keyboard.TypeAsync(password);
        await TabOnceToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal), new() { Timeout = 15_000 });
        // Keys act once the page runs over its circuit; before that it is only the prerendered picture.
        await Assertions.Expect(page.Locator(".mud-layout[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = LiveTimeout });

        var device = _scenario.Fleet.Devices[0];
        var tileLink = $"[data-testid=device-tile][data-jid='{device.Jid}'] a[data-testid=device-link]";
        await Assertions.Expect(page.Locator(tileLink)).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
        foreach (var link in new[] { "devices", "alarms", "logs", "wall" })
        {
            await TabToAsync(page, $"nav a.mud-nav-link[href='{link}']");
        }

        await TabToAsync(page, tileLink);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/devices/", StringComparison.Ordinal));

        var write = page.Locator($"[data-testid=point-row][data-point='{Setpoint}'] [data-testid=write-point]");
        await Assertions.Expect(write).ToBeEnabledAsync(new() { Timeout = LiveTimeout });
        await TabToAsync(page, $"[data-testid=point-row][data-point='{Setpoint}'] [data-testid=write-point]");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.Locator("[data-testid=write-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        // The focus moves into the dialog; Tab reaches the new value's field.
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog') != null");
        await TabToAsync(page, "[data-testid=write-value] input");
        var valueInput = page.Locator("[data-testid=write-value] input");
        // Key by key, as a person types: each one lands in the field and stays there.
        var typed = "";
        foreach (var key in "21.5")
        {
            await page.Keyboard.PressAsync(key.ToString());
            typed += key;
            await Assertions.Expect(valueInput).ToHaveValueAsync(typed);
        }

        await Assertions.Expect(page.Locator("[data-testid=write-confirm]")).ToBeEnabledAsync();
        await TabToAsync(page, "[data-testid=write-cancel]");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(write).ToBeFocusedAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator($"[data-testid=point-row][data-point='{Setpoint}'] [data-testid=write-status]")).ToHaveCountAsync(0);
    }


    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (it may have it already); fails after 60 presses, naming where the focus went.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        var path = new List<string>();
        for (var presses = 0; presses <= 60; presses++)
        {
            if (await page.EvaluateAsync<bool>("selector => document.activeElement?.matches(selector) ?? false", selector))
            {
                return;
            }

            path.Add(await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '') + ' ' + (e.getAttribute('aria-label') ?? e.getAttribute('href') ?? e.textContent.trim().slice(0, 20)) : '(none)'; }"));
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector}; the focus went: {string.Join(" → ", path)}");
    }

    /// <summary>Presses Tab once and expects <paramref name="selector"/> to have the focus.</summary>
    private static async Task TabOnceToAsync(IPage page, string selector)
    {
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("selector => document.activeElement?.matches(selector) ?? false", selector),
            $"one Tab should reach {selector}; the focus is on {await FocusedAsync(page)}");
    }

    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : '(nothing)'");
}
