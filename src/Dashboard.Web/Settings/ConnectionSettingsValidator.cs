using Dashboard.Xmpp;

namespace Dashboard.Web.Settings;

/// <summary>
/// The rules a connection setting must meet, wherever it comes from (appsettings at start, the saved file,
/// the Settings page), each broken one with a message that says what a good value looks like.
/// </summary>
public static class ConnectionSettingsValidator
{
    public const int MinWaitSeconds = 1;
    public const int MaxWaitSeconds = 120;
    public const int MaxHold = 2;
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromDays(1);

    public static IReadOnlyList<ConnectionSettingError> Validate(ConnectionSettings settings)
    {
        var errors = new List<ConnectionSettingError>();
        void Fail(string field, string setting, string message) => errors.Add(new ConnectionSettingError(field, setting, message));

        if (settings.IsConfigured)
        {
            if (!Uri.TryCreate(settings.BoshUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                Fail(nameof(ConnectionSettings.BoshUrl), "Dashboard:Xmpp:BoshUrl",
                    "The BOSH URL must be an absolute http:// or https:// address, e.g. https://xmpp.example.com/http-bind.");
            }
            else if (!string.IsNullOrEmpty(url.UserInfo))
            {
                Fail(nameof(ConnectionSettings.BoshUrl), "Dashboard:Xmpp:BoshUrl",
                    "The BOSH URL must not carry a user name or password; the account goes in JID and Password.");
            }

            if (settings.Jid is null)
            {
                Fail(nameof(ConnectionSettings.Jid), "Dashboard:Xmpp:Jid", "The JID is required: the dashboard's account as user@domain.");
            }
            else if (!Jid.TryParse(settings.Jid, out var jid) || jid.Local is null || jid.Resource is not null)
            {
                Fail(nameof(ConnectionSettings.Jid), "Dashboard:Xmpp:Jid",
                    "The JID must be the dashboard's account as user@domain (no resource; that has its own field).");
            }

            if (!settings.HasPassword)
            {
                Fail(nameof(ConnectionSettings.Password), "Dashboard:Xmpp:Password", "The password is not set.");
            }
        }

        if (settings.Resource is { } resource && !Jid.TryParse($"resource@check.invalid/{resource}", out _))
        {
            Fail(nameof(ConnectionSettings.Resource), "Dashboard:Xmpp:Resource",
                "The resource is not valid: at most 1023 bytes, no control characters.");
        }

        if (settings.WaitSeconds is < MinWaitSeconds or > MaxWaitSeconds)
        {
            Fail(nameof(ConnectionSettings.WaitSeconds), "Dashboard:Xmpp:WaitSeconds",
                $"Wait must be between {MinWaitSeconds} and {MaxWaitSeconds} seconds.");
        }

        if (settings.Hold is < 0 or > MaxHold)
        {
            Fail(nameof(ConnectionSettings.Hold), "Dashboard:Xmpp:Hold", $"Hold must be between 0 and {MaxHold}.");
        }

        if (settings.PollInterval < MinPollInterval || settings.PollInterval > MaxPollInterval)
        {
            Fail(nameof(ConnectionSettings.PollInterval), "Dashboard:Polling:Interval",
                "The poll interval must be at least 1 second and at most 1 day.");
        }

        return errors;
    }
}
