namespace Dashboard.Web.Settings;

/// <summary>
/// The folder the dashboard keeps its state in, next to the SQLite file: the database, the Data Protection
/// keys (<c>keys/</c>) and the connection settings saved from the Settings page (<c>connection.json</c>).
/// </summary>
public sealed record DashboardDataFolder(string Path)
{
    /// <summary>Data Protection's key ring: sign-in cookies and the protected XMPP password depend on it.</summary>
    public string Keys => System.IO.Path.Combine(Path, "keys");

    /// <summary>The connection settings saved at runtime; when present it wins over appsettings.</summary>
    public string ConnectionSettingsFile => System.IO.Path.Combine(Path, "connection.json");

    public static DashboardDataFolder ForDatabase(string databasePath) =>
        new(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(databasePath))!);

    /// <summary>Creates <paramref name="directory"/> readable by the service account only (on Unix), if missing.</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
