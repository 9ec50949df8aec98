using Dashboard.Web.Data;
using Dashboard.Web.Hub;

namespace Dashboard.Web;

/// <summary>The services behind the Devices and device pages: import, notes, history and point descriptions.</summary>
public static class DashboardDevicesExtensions
{
    public static IServiceCollection AddDashboardDevices(this IServiceCollection services)
    {
        services.AddSingleton<DeviceImport>();
        services.AddSingleton<DeviceNotes>();
        services.AddSingleton<DeviceHistory>();
        services.AddSingleton<DataPointCatalog>();
        services.AddSingleton<ISetpointWriter>(sp => sp.GetRequiredService<DeviceCommands>());
        return services;
    }
}
