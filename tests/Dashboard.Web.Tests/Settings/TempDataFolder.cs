using Dashboard.Web.Settings;

namespace Dashboard.Web.Tests.Settings;

/// <summary>A data folder of its own under the temp directory, deleted afterwards.</summary>
public sealed class TempDataFolder : IDisposable
{
    public TempDataFolder() => System.IO.Directory.CreateDirectory(Folder.Path);

    public DashboardDataFolder Folder { get; } = new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dashboard-settings-{Guid.NewGuid():N}"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Folder.Path, recursive: true);
        }
        catch (IOException)
        {
            // a file still open; the temp folder is cleaned by the system
        }
    }
}
