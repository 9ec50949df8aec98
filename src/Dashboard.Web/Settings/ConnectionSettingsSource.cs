namespace Dashboard.Web.Settings;

/// <summary>Where the connection settings in use came from.</summary>
public enum ConnectionSettingsSource
{
    /// <summary>appsettings.json and environment variables (nothing saved yet).</summary>
    Configuration,

    /// <summary>connection.json in the data folder, saved from the Settings page.</summary>
    SavedFile,
}
