using Dashboard.Web.Security;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>Signing in and out in real Chromium against the built app (no XMPP server needed).</summary>
public sealed class SignInBrowserTests : IAsyncLifetime
{
    private BrowserScenario _scenario = null!;

    public async ValueTask InitializeAsync() =>
        _scenario = await BrowserScenario.StartWithoutXmppAsync(cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task SignIn_ThenSignOutFromTheAppBar_EndsTheSession()
    {
        var page = await _scenario.SignedInPageAsync("operator-otto", DashboardRoles.Operator, cancellationToken: TestContext.Current.CancellationToken);

        await Assertions.Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync("operator-otto");
        await page.Locator("[data-testid=sign-out-form] button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/sign-in", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();
        await page.GotoAsync(_scenario.BaseAddress.ToString());
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnTheFormWithARefusal()
    {
        await _scenario.Dashboard.CreateUserAsync("viewer-wanda", DashboardRoles.Viewer, TestContext.Current.CancellationToken);
        var page = await _scenario.Browser.NewPageAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ChromiumBrowser.SignInAsync(page, _scenario.BaseAddress, "viewer-wanda", "not-the-password"));

        Assert.Contains("not right", refused.Message, StringComparison.Ordinal);
        Assert.Equal("", await page.Locator("#password").InputValueAsync());
    }
}
