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

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>Saves a screenshot as a test artifact under .artifacts/screenshots.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(Dashboard.Testing.RepositoryPaths.Root, ".artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}
