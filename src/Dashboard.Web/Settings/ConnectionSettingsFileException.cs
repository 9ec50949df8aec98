namespace Dashboard.Web.Settings;

/// <summary>
/// The saved connection settings cannot be used: the file is not valid, was altered outside the dashboard,
/// or was protected with keys other than the ones in the data folder. The message says which and what to do.
/// </summary>
public sealed class ConnectionSettingsFileException(string message, Exception? innerException = null)
    : Exception(message, innerException);
