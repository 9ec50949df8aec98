using Dashboard.Web.Api;
using Dashboard.Web.Components;
using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Health;
using Dashboard.Web.Hub;
using Dashboard.Web.Hub.Push;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Web.Settings;
using Dashboard.Xmpp.Bosh;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Dashboard.Web;

/// <summary>Wires the dashboard's services and request pipeline, so Program.cs stays a few lines.</summary>
public static class DashboardExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // Package assets (MudBlazor, the Blazor script) are served from the build's manifest in any
        // environment, so the built app runs as it is; a published app has no manifest and serves its copies.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        var storage = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>()?.Storage ?? new StorageSettings();
        var databasePath = Path.GetFullPath(storage.DatabasePath, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        services.AddDashboardSettings(DashboardDataFolder.ForDatabase(databasePath));
        services.AddDbContextFactory<DashboardDbContext>(o => o.UseSqlite($"Data Source={databasePath}"));
        services.AddHostedService<DatabaseMigrator>();
        services.AddSingleton<StoreWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreWriter>());
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());

        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<XmppTransportFactory>(sp => settings => new BoshTransport(new BoshOptions
        {
            Url = new Uri(settings.BoshUrl!),
            Wait = TimeSpan.FromSeconds(settings.WaitSeconds),
            Hold = settings.Hold,
            TimeProvider = sp.GetRequiredService<TimeProvider>(),
        }, logger: sp.GetRequiredService<ILogger<BoshTransport>>()));
        services.AddSingleton<XmppHub>();
        services.AddHostedService(sp => sp.GetRequiredService<XmppHub>());
        services.AddSingleton<DeviceIds>();
        services.AddSingleton<AlarmTracker>();
        services.AddSingleton<PointCatalog>();
        services.AddSingleton<PointApplier>();
        services.AddDashboardPush();
        services.AddSingleton<DevicePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<DevicePoller>());
        services.AddDashboardIdentity(builder.Configuration);
        services.AddSingleton<ActionGuard>();
        services.AddSingleton<DeviceCommands>();
        services.AddSingleton<DeviceDirectory>();
        services.AddDashboardHealth();
        services.AddDashboardDevices();
        services.AddAlarmsAndLogs();
        services.AddSignalR();
        services.AddHostedService<LiveHubRelay>();
        services.AddLiveConnectionRevalidation();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return builder;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseDashboardSecurity();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapHub<LiveHub>("/hubs/live").RequireAuthorization(DashboardPolicies.View);
        app.MapDashboardApi();
        app.MapAlarmsAndLogs();
        app.MapDashboardAccounts();
        return app;
    }
}
