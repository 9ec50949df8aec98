namespace Dashboard.Web.Settings;

/// <summary>
/// <c>connection.json</c> as stored: the settings in readable form for whoever looks at the file, and the
/// same settings with the password as one Data Protection payload that authenticates them. The password
/// exists only inside the payload.
/// </summary>
internal sealed class ConnectionSettingsDocument
{
    public const int CurrentFormat = 1;

    public int Format { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    public string? SavedBy { get; set; }

    public string? BoshUrl { get; set; }

    public string? Jid { get; set; }

    public string? Resource { get; set; }

    public int WaitSeconds { get; set; }

    public int Hold { get; set; }

    public double PollIntervalSeconds { get; set; }

    public bool AllowPlainOverHttp { get; set; }

    public bool PasswordSet { get; set; }

    /// <summary>The settings and the password, protected (encrypted and authenticated) with the data folder's keys.</summary>
    public string? Protected { get; set; }

    public static ConnectionSettingsDocument From(ConnectionSettings settings) => new()
    {
        Format = CurrentFormat,
        BoshUrl = settings.BoshUrl,
        Jid = settings.Jid,
        Resource = settings.Resource,
        WaitSeconds = settings.WaitSeconds,
        Hold = settings.Hold,
        PollIntervalSeconds = settings.PollInterval.TotalSeconds,
        AllowPlainOverHttp = settings.AllowPlainOverHttp,
        PasswordSet = settings.HasPassword,
    };

    public ConnectionSettings ToSettings(string? password) => new()
    {
        BoshUrl = BoshUrl,
        Jid = Jid,
        Password = password,
        Resource = Resource,
        WaitSeconds = WaitSeconds,
        Hold = Hold,
        PollInterval = TimeSpan.FromSeconds(PollIntervalSeconds),
        AllowPlainOverHttp = AllowPlainOverHttp,
    };
}

/// <summary>What the protected payload carries: the readable fields again, and the password.</summary>
internal sealed class ProtectedConnectionSettings
{
    public ConnectionSettingsDocument? Settings { get; set; }

    public string? Password { get; set; }
}
