namespace Dashboard.Web.Components.Pages.Devices;

public sealed partial class ImportDevicesDialog
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Reading an uploaded device list failed")]
        public static partial void UploadFailed(ILogger logger, Exception error);
    }
}
