namespace Dashboard.Web.Settings;

/// <summary>
/// What an Admin submits on the Settings page. <see cref="NewPassword"/> empty keeps the saved password:
/// the page never has it to send back.
/// </summary>
public sealed record ConnectionSettingsChange
{
    public string? BoshUrl { get; init; }

    public string? Jid { get; init; }

    public string? NewPassword { get; init; }

    public string? Resource { get; init; }

    public int WaitSeconds { get; init; }

    public int Hold { get; init; }

    public TimeSpan PollInterval { get; init; }

    public bool AllowPlainOverHttp { get; init; }

    /// <summary>The settings this change makes of <paramref name="current"/>, whose password it keeps unless replaced.</summary>
    public ConnectionSettings ApplyTo(ConnectionSettings current) => new()
    {
        BoshUrl = ConnectionSettings.Blank(BoshUrl),
        Jid = ConnectionSettings.Blank(Jid),
        Password = string.IsNullOrEmpty(NewPassword) ? current.Password : NewPassword,
        Resource = ConnectionSettings.Blank(Resource),
        WaitSeconds = WaitSeconds,
        Hold = Hold,
        PollInterval = PollInterval,
        AllowPlainOverHttp = AllowPlainOverHttp,
    };

    /// <summary>A change that keeps everything as in <paramref name="settings"/>.</summary>
    public static ConnectionSettingsChange From(ConnectionSettings settings) => new()
    {
        BoshUrl = settings.BoshUrl,
        Jid = settings.Jid,
        Resource = settings.Resource,
        WaitSeconds = settings.WaitSeconds,
        Hold = settings.Hold,
        PollInterval = settings.PollInterval,
        AllowPlainOverHttp = settings.AllowPlainOverHttp,
    };

    // The generated ToString would print the new password.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("BoshUrl = ").Append(BoshUrl).Append(", Jid = ").Append(Jid)
            .Append(", NewPassword = ").Append(string.IsNullOrEmpty(NewPassword) ? "(keep)" : "(replace)");
        return true;
    }
}
