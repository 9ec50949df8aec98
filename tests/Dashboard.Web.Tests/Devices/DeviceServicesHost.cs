using Dashboard.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Devices;

/// <summary>The device services over a fresh SQLite file, with a running store writer; dispose to delete the file.</summary>
public sealed class DeviceServicesHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DeviceServicesHost()
    {
        DatabasePath = DeviceServices.CreateDatabase();
        _services = new ServiceCollection().AddDeviceServices(DatabasePath, Time).BuildServiceProvider();
    }

    public static async Task<DeviceServicesHost> StartAsync()
    {
        var host = new DeviceServicesHost();
        await host.Store.StartAsync(CancellationToken.None);
        return host;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public string DatabasePath { get; }

    public StoreWriter Store => Get<StoreWriter>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task<DashboardDbContext> DbAsync() => Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Store.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        DeviceServices.DeleteDatabase(DatabasePath);
    }
}
