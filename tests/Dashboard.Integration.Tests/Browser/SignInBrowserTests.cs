using Dashboard.Integration.Tests.Web;
using Dashboard.Web.Security;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>Signing in and out in real Chromium against the built app (no XMPP server needed).</summary>
public sealed class SignInBrowserTests : IAsyncLifetime
{
    private DashboardProcess _dashboard = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _dashboard = await DashboardProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        (_playwright, _browser) = await ChromiumBrowser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.AddAttachment("dashboard.log", _dashboard.Output);
        }

        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _dashboard.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_ThenSignOutFromTheAppBar_EndsTheSession()
    {
        var password = await _dashboard.CreateUserAsync("operator-otto", DashboardRoles.Operator, TestContext.Current.CancellationToken);

        var page = await ChromiumBrowser.SignedInPageAsync(_browser, _dashboard.BaseAddress, "operator-otto", password);

        await Assertions.Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync("operator-otto");
        await page.Locator("[data-testid=sign-out-form] button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/sign-in", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();
        await page.GotoAsync(_dashboard.BaseAddress.ToString());
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_StaysOnTheFormWithARefusal()
    {
        await _dashboard.CreateUserAsync("viewer-wanda", DashboardRoles.Viewer, TestContext.Current.CancellationToken);
        var page = await _browser.NewPageAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ChromiumBrowser.SignInAsync(page, _dashboard.BaseAddress, "viewer-wanda", "not-the-password"));

        Assert.Contains("not right", refused.Message, StringComparison.Ordinal);
        Assert.Equal("", await page.Locator("#password").InputValueAsync());
    }
}
