using Bunit.TestDoubles;
using Dashboard.Web.Alarms;
using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Hub;
using Dashboard.Web.Health;
using Dashboard.Web.Live;
using Dashboard.Web.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor and the dashboard's live state (registry, broker, an unconfigured hub),
/// as the app's components expect. Time is a fake clock the test moves; nobody is signed in unless the test says so.
/// </summary>
public abstract class DashboardComponentTest : BunitContext
{
    /// <summary>
    /// Waits for renders end as soon as their condition holds; the deadline only bounds a failure, and a busy CI
    /// machine running browsers and XMPP servers beside these tests needs far more than bUnit's default second.
    /// </summary>
    static DashboardComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected DashboardComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Options.Create(DashboardOptions));
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<LiveUpdates>();
        Services.AddSingleton<DeviceRegistry>();
        Services.AddDbContextFactory<DashboardDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        Services.AddSingleton<StoreWriter>();
        Services.AddSingleton<XmppTransportFactory>(_ => _ => throw new InvalidOperationException("component tests open no XMPP session"));
        Services.AddSingleton(new DashboardDataFolder(Path.Combine(Path.GetTempPath(), $"dashboard-component-{Guid.NewGuid():N}")));
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<ConnectionSettingsStore>();
        Services.AddSingleton<ConnectionSettingsProvider>();
        Services.AddSingleton<XmppHub>();
        Services.AddSingleton<DashboardHealth>();
        Services.AddSingleton<OpenAlarms>();
        Authorization = AddAuthorization();
    }

    /// <summary>Who the components see as signed in; nobody until a test says otherwise.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    protected DashboardOptions DashboardOptions { get; } = new();

    protected DeviceRegistry Registry => Services.GetRequiredService<DeviceRegistry>();
}
