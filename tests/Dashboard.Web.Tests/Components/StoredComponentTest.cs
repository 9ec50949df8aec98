using Dashboard.Web.Alarms;
using Dashboard.Web.Data;
using Dashboard.Web.Hub;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// A component test over a real SQLite file with the app's migrations, and the services that read and act on it.
/// <see cref="Gate"/> can hold every database command, to see a page while it is still loading.
/// </summary>
public abstract class StoredComponentTest : DashboardComponentTest
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"components-{Guid.NewGuid():N}.db");

    protected StoredComponentTest()
    {
        Services.RemoveAll<IDbContextFactory<DashboardDbContext>>();
        Services.RemoveAll<DbContextOptions<DashboardDbContext>>();
        Services.RemoveAll<DbContextOptions>();
        Services.AddDbContextFactory<DashboardDbContext>(o => o.UseSqlite($"Data Source={_database};Pooling=False").AddInterceptors(Gate));
        // The services decide with the app's real policies from the user's roles, whatever the page was told it may offer.
        Services.AddSingleton(sp => new ActionGuard(GuardedServices.Authorization, sp.GetRequiredService<StoreWriter>(),
            sp.GetRequiredService<TimeProvider>(), NullLogger<ActionGuard>.Instance));
        Services.AddSingleton<DeviceIds>();
        Services.AddSingleton<AlarmTracker>();
        Services.AddSingleton<AlarmHistory>();
        Services.AddSingleton<Dashboard.Web.Logs.LogQueries>();
        using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={_database};Pooling=False").Options);
        db.Database.Migrate();
    }

    protected CommandGate Gate { get; } = new();

    protected DashboardDbContext NewDb() => Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Gate.Open();
        File.Delete(_database);
    }
}
