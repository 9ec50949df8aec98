using Dashboard.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Settings;

/// <summary>
/// The connection settings in use, and the event that tells the hub and the poller to follow a change.
/// At start: the saved file when there is one, else appsettings/environment. A saved file that cannot be
/// used (altered, other keys, invalid) leaves the hub off with <see cref="LoadError"/> as the reason,
/// rather than connecting with a different account behind the Admin's back.
/// </summary>
public sealed partial class ConnectionSettingsProvider
{
    private readonly DashboardOptions _options;
    private readonly Lock _gate = new();

    public ConnectionSettingsProvider(IOptions<DashboardOptions> options, ConnectionSettingsStore store, ILogger<ConnectionSettingsProvider> logger)
    {
        _options = options.Value;
        Configured = ConnectionSettings.FromOptions(_options);
        Current = Configured;
        try
        {
            if (store.Load() is { } saved)
            {
                var errors = ConnectionSettingsValidator.Validate(saved);
                if (errors.Count > 0)
                {
                    throw new ConnectionSettingsFileException($"{store.FilePath} holds invalid settings: {string.Join(" ", errors.Select(e => e.Message))}");
                }

                Current = saved;
                Source = ConnectionSettingsSource.SavedFile;
                Log.LoadedFromFile(logger, store.FilePath);
            }
        }
        catch (ConnectionSettingsFileException e)
        {
            LoadError = e.Message;
            Current = Configured with { BoshUrl = null, Password = null };
            Log.FileUnusable(logger, e.Message);
        }

        _options.Polling.Interval = Current.PollInterval;
    }

    /// <summary>Raised (on the saving thread) after the settings in use changed.</summary>
    public event EventHandler<ConnectionSettings>? Changed;

    /// <summary>The settings the hub uses now (password in memory only).</summary>
    public ConnectionSettings Current { get; private set; }

    /// <summary>The initial values from appsettings/environment, whatever is in use.</summary>
    public ConnectionSettings Configured { get; }

    public ConnectionSettingsSource Source { get; private set; } = ConnectionSettingsSource.Configuration;

    /// <summary>Why the saved file is not used; null when it is, or when there is none.</summary>
    public string? LoadError { get; private set; }

    /// <summary>What the Settings page starts from: the settings in use, or the initial values when the file is unusable.</summary>
    public ConnectionSettings Editable => LoadError is null ? Current : Configured;

    /// <summary>Puts saved settings in use and tells the subscribers.</summary>
    internal void Apply(ConnectionSettings settings)
    {
        lock (_gate)
        {
            Current = settings;
            Source = ConnectionSettingsSource.SavedFile;
            LoadError = null;
            // The options instance is what pages and the API read for "stale after N intervals": keep it in step.
            _options.Polling.Interval = settings.PollInterval;
        }

        Changed?.Invoke(this, settings);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Connection settings loaded from {Path} (they take precedence over appsettings)")]
        public static partial void LoadedFromFile(ILogger logger, string path);

        [LoggerMessage(2, LogLevel.Error, "The saved connection settings are not used and the hub stays off until they are saved again: {Reason}")]
        public static partial void FileUnusable(ILogger logger, string reason);
    }
}
