using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>Debian's Chromium driven headless by Playwright; a missing browser fails with how to install it.</summary>
internal static class ChromiumBrowser
{
    private const string Executable = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException("Chromium is not installed: run 'scripts/xmpp-server.sh install chromium' (or: sudo apt-get install -y chromium).");
        }

        // Expectations end as soon as they hold; the deadline only bounds a failure, and a CI machine running
        // XMPP servers and three test projects at once needs more than Playwright's default five seconds.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>
    /// A page in its own browser context (its own cookies), signed in as <paramref name="userName"/> by
    /// filling and submitting the real sign-in form; it ends on the overview.
    /// </summary>
    public static async Task<IPage> SignedInPageAsync(IBrowser browser, Uri baseAddress, string userName, string password, ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, baseAddress, userName, password);
        return page;
    }

    /// <summary>Signs <paramref name="page"/> in through the sign-in form and waits until it has left it.</summary>
    public static async Task SignInAsync(IPage page, Uri baseAddress, string userName, string password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/account/sign-in").ToString());
        await page.Locator("#user-name").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        var left = page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal), new() { Timeout = 15_000 });
        var alert = page.Locator("[role=alert]");
        var refused = alert.WaitForAsync(new() { Timeout = 15_000 });
        if (await Task.WhenAny(left, refused) == refused && refused.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException($"Signing in as {userName} in Chromium was refused: {await alert.InnerTextAsync()}");
        }

        await left;
    }

    /// <summary>Saves a screenshot as a test artifact under .artifacts/screenshots.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(Dashboard.Testing.RepositoryPaths.Root, ".artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}
