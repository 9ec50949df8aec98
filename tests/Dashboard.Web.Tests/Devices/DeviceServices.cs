using Dashboard.Web;
using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Security;
using Dashboard.Web.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Devices;

/// <summary>
/// The device services as the app wires them, over a real SQLite file with the app's migrations and the real
/// authorisation policies; the XMPP hub is left unconfigured (no session), as in a dashboard not yet connected.
/// </summary>
public static class DeviceServices
{
    /// <summary>A new, migrated SQLite file in the temp folder; delete it with <see cref="DeleteDatabase"/>.</summary>
    public static string CreateDatabase()
    {
        var path = Path.Combine(Path.GetTempPath(), $"devices-{Guid.NewGuid():N}.db");
        using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={path}").Options);
        db.Database.Migrate();
        return path;
    }

    public static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    /// <summary>Registers (or replaces) everything the device services need; the store writer runs on the real clock.</summary>
    public static IServiceCollection AddDeviceServices(this IServiceCollection services, string databasePath, TimeProvider time, DashboardOptions? options = null)
    {
        services.RemoveAll<IDbContextFactory<DashboardDbContext>>();
        services.RemoveAll<DbContextOptions<DashboardDbContext>>();
        services.RemoveAll<StoreWriter>();
        services.TryAddSingleton(time);
        services.TryAddSingleton(Options.Create(options ?? new DashboardOptions()));
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddDbContextFactory<DashboardDbContext>(o => o.UseSqlite($"Data Source={databasePath}"));
        services.AddSingleton(sp => new StoreWriter(sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), NullLogger<StoreWriter>.Instance, TimeProvider.System));
        services.TryAddSingleton<LiveUpdates>();
        services.TryAddSingleton<DeviceRegistry>();
        services.TryAddSingleton<XmppTransportFactory>(_ => _ => throw new InvalidOperationException("these tests open no XMPP session"));
        services.TryAddSingleton(new DashboardDataFolder(Path.ChangeExtension(databasePath, null) + "-data"));
        services.TryAddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.TryAddSingleton<ConnectionSettingsStore>();
        services.TryAddSingleton<ConnectionSettingsProvider>();
        services.TryAddSingleton<XmppHub>();
        services.AddLogging();
        services.AddAuthorizationCore(DashboardPolicies.Configure);
        services.TryAddSingleton<ActionGuard>();
        services.TryAddSingleton<DeviceDirectory>();
        services.AddDashboardDevices();
        return services;
    }
}
