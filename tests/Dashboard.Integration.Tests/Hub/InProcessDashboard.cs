using Dashboard.Integration.Tests.Web;
using Dashboard.Testing;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Hub;

/// <summary>
/// The dashboard on real Kestrel (a free loopback port) inside the test process, connected to a fixture's
/// XMPP server, so a test can both talk to it over HTTP/SignalR and reach its services.
/// </summary>
public sealed class InProcessDashboard : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessDashboard(WebApplication app, string databasePath)
    {
        _app = app;
        DatabasePath = databasePath;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string DatabasePath { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Creates a user with <paramref name="role"/> and a fresh password (returned) through the app's own accounts service.</summary>
    public async Task<string> CreateUserAsync(string userName, string role, CancellationToken cancellationToken = default)
    {
        var password = TestPasswords.New();
        await Get<UserAccounts>().CreateAsync(userName, role, password, TestUsers.Signed("test-setup", DashboardRoles.Admin), cancellationToken);
        return password;
    }

    /// <summary>Every audit row, once what was queued before the call is stored.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(CancellationToken cancellationToken = default)
    {
        await Get<StoreWriter>().FlushAsync(cancellationToken);
        await using var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }

    /// <summary>A new user with <paramref name="role"/>, signed in through the sign-in form.</summary>
    public async Task<DashboardSession> SignInAsync(string role, string? userName = null, CancellationToken cancellationToken = default)
    {
        userName ??= TestPasswords.UserName(role);
        var password = await CreateUserAsync(userName, role, cancellationToken);
        return await DashboardSession.SignInAsync(BaseAddress, userName, password, cancellationToken);
    }

    public static Task<InProcessDashboard> StartAsync(XmppServerFixture server, string user, string password,
        IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:Xmpp:BoshUrl"] = server.BoshUri.ToString(),
            ["Dashboard:Xmpp:Jid"] = $"{user}@{server.Domain}",
            ["Dashboard:Xmpp:Password"] = password,
            ["Dashboard:Xmpp:WaitSeconds"] = "20",
            ["Dashboard:Xmpp:AcceptDevicesFromOwnDomain"] = "true",
        }, settings);

    /// <summary>The dashboard with no XMPP session configured (sign-in, pages, API and audit only), plus <paramref name="settings"/>.</summary>
    public static Task<InProcessDashboard> StartWithoutXmppAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(new Dictionary<string, string?>(), settings);

    private static async Task<InProcessDashboard> StartAsync(IReadOnlyDictionary<string, string?> xmpp, IReadOnlyDictionary<string, string?>? settings)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"dashboard-hub-{Guid.NewGuid():N}", "dashboard.db");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(Dashboard.Web.DashboardExtensions).Assembly.GetName().Name,
            EnvironmentName = "Production",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dashboard:Polling:Interval"] = "00:00:02",
            ["Dashboard:Polling:RequestTimeout"] = "00:00:03",
            ["Dashboard:Storage:DatabasePath"] = databasePath,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(xmpp);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        Dashboard.Web.DashboardExtensions.AddDashboard(builder);
        var app = builder.Build();
        Dashboard.Web.DashboardExtensions.UseDashboard(app);
        await app.StartAsync();
        var dashboard = new InProcessDashboard(app, databasePath)
        {
            BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        };
        return dashboard;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
