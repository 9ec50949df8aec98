using Dashboard.Integration.Tests.Web;
using Dashboard.Simulator;
using Dashboard.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace Dashboard.Integration.Tests.Browser;

/// <summary>
/// The built dashboard as a process, connected over BOSH to the real Prosody with a simulated fleet online,
/// and headless Chromium to look at it. One per test; disposing it attaches the dashboard's and Prosody's
/// logs when the test failed.
/// </summary>
public sealed class BrowserScenario : IAsyncDisposable
{
    private const string DashboardUser = "dashboard";
    private const string DashboardPassword = "dashboard-password";
    private readonly XmppServerFixture? _xmpp;
    private readonly SimulatorFleet? _fleet;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private BrowserScenario(XmppServerFixture? xmpp, SimulatorFleet? fleet, DashboardProcess dashboard)
    {
        _xmpp = xmpp;
        _fleet = fleet;
        Dashboard = dashboard;
    }

    /// <summary>The dashboard process; replaced by <see cref="StartDashboardAgainAsync"/>.</summary>
    public DashboardProcess Dashboard { get; private set; }

    public SimulatorFleet Fleet => _fleet ?? throw new InvalidOperationException("This scenario runs without simulated SmartServers.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public Uri BaseAddress => Dashboard.BaseAddress;

    /// <summary>Starts the fleet on <paramref name="xmpp"/>, the dashboard connected to it, and Chromium.</summary>
    public static async Task<BrowserScenario> StartAsync(XmppServerFixture xmpp, BrowserScenarioOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BrowserScenarioOptions();
        var accounts = SimulatorFleet.Accounts(options.Devices, options.Seed);
        await xmpp.CreateAccountsAsync([.. accounts, (DashboardUser, DashboardPassword)], cancellationToken);
        var dashboardJid = DashboardUser + "@" + xmpp.Domain;
        var fleet = await SimulatorFleet.StartAsync(new FleetOptions
        {
            Domain = xmpp.Domain,
            C2sPort = xmpp.C2sPort,
            Dashboard = dashboardJid,
            TickInterval = TimeSpan.FromSeconds(1),
            SecondHighLimit = options.SecondHighLimit,
        }, accounts, NullLoggerFactory.Instance, cancellationToken: cancellationToken);
        options.PrepareFleet?.Invoke(fleet);

        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Dashboard__Xmpp__BoshUrl"] = xmpp.BoshUri.ToString(),
            ["Dashboard__Xmpp__Jid"] = dashboardJid,
            ["Dashboard__Xmpp__Password"] = DashboardPassword,
            ["Dashboard__Xmpp__AcceptDevicesFromOwnDomain"] = "true",
            ["Dashboard__Polling__Interval"] = options.PollInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        DashboardProcess dashboard;
        try
        {
            dashboard = await DashboardProcess.StartAsync(settings, cancellationToken);
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }

        return await WithBrowserAsync(new BrowserScenario(xmpp, fleet, dashboard));
    }

    /// <summary>Starts the dashboard with no XMPP server configured, and Chromium: for what needs no devices (signing in).</summary>
    public static async Task<BrowserScenario> StartWithoutXmppAsync(IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default) =>
        await WithBrowserAsync(new BrowserScenario(null, null, await DashboardProcess.StartAsync(settings, cancellationToken)));

    private static async Task<BrowserScenario> WithBrowserAsync(BrowserScenario scenario)
    {
        try
        {
            (scenario._playwright, scenario._browser) = await ChromiumBrowser.LaunchAsync();
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a user with <paramref name="role"/> and returns a page in its own browser context, signed in through the form.</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string role, ViewportSize? viewport = null, CancellationToken cancellationToken = default)
    {
        var password = await Dashboard.CreateUserAsync(userName, role, cancellationToken);
        return await ChromiumBrowser.SignedInPageAsync(Browser, BaseAddress, userName, password, viewport);
    }

    /// <summary>The absolute address of <paramref name="path"/> on the dashboard.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>Ends the dashboard process at once, as a crash would.</summary>
    public Task StopDashboardAsync() => Dashboard.StopAsync();

    /// <summary>Starts the stopped dashboard again on the same address and database.</summary>
    public async Task StartDashboardAgainAsync(CancellationToken cancellationToken = default) =>
        Dashboard = await Dashboard.StartAgainAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _xmpp?.AttachLogIfFailed();
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.AddAttachment("dashboard.log", Dashboard.Output);
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Dashboard.DisposeAsync();
        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }
    }
}
