using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Web.Settings;

/// <summary>Wires Data Protection with a persistent key ring and the runtime connection settings.</summary>
public static class SettingsServiceCollectionExtensions
{
    /// <summary>Data Protection's application name: keys are shared only by instances that use the same one.</summary>
    public const string ApplicationName = "SmartServer Dashboard";

    public static IServiceCollection AddDashboardSettings(this IServiceCollection services, DashboardDataFolder folder)
    {
        services.AddSingleton(folder);

        // Keys live beside the database so sign-in cookies and the protected password survive restarts;
        // the folder is private to the service account (the key files themselves are not encrypted).
        DashboardDataFolder.CreatePrivateDirectory(folder.Keys);
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(folder.Keys))
            .SetApplicationName(ApplicationName);

        services.AddSingleton<ConnectionSettingsStore>();
        services.AddSingleton<ConnectionSettingsProvider>();
        services.AddSingleton<ConnectionSettingsService>();
        services.AddSingleton<ConnectionTester>();
        return services;
    }
}
