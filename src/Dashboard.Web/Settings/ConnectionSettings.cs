using System.Text;
using Dashboard.Web.Configuration;

namespace Dashboard.Web.Settings;

/// <summary>
/// The dashboard's XMPP connection as an Admin edits it at runtime: where the BOSH connection manager is,
/// the account, and how often devices are read. The password is held here in memory only; on disk it is
/// protected (see <see cref="ConnectionSettingsStore"/>) and it never appears in <see cref="ToString"/>.
/// </summary>
public sealed record ConnectionSettings
{
    /// <summary>The BOSH connection manager, e.g. <c>https://xmpp.example.com/http-bind</c>; none: the hub stays off.</summary>
    public string? BoshUrl { get; init; }

    /// <summary>The dashboard's account, <c>user@domain</c>.</summary>
    public string? Jid { get; init; }

    public string? Password { get; init; }

    /// <summary>The resource to bind; default: <c>dashboard-</c> plus the machine name.</summary>
    public string? Resource { get; init; }

    /// <summary>BOSH <c>wait</c>: how long the connection manager may hold an empty poll.</summary>
    public int WaitSeconds { get; init; } = 60;

    /// <summary>BOSH <c>hold</c>: requests the connection manager may keep waiting.</summary>
    public int Hold { get; init; } = 1;

    /// <summary>How often every online device's points are read.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Allow SASL PLAIN over plain-HTTP BOSH (a loopback or trusted network only).</summary>
    public bool AllowPlainOverHttp { get; init; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BoshUrl);

    public bool HasPassword => !string.IsNullOrEmpty(Password);

    /// <summary>The names of the fields an Admin edits, in the form's order (audit rows name the changed ones).</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        [nameof(BoshUrl), nameof(Jid), nameof(Password), nameof(Resource), nameof(WaitSeconds), nameof(Hold), nameof(PollInterval), nameof(AllowPlainOverHttp)];

    /// <summary>The initial values: appsettings.json and environment variables.</summary>
    public static ConnectionSettings FromOptions(DashboardOptions options) => new()
    {
        BoshUrl = Blank(options.Xmpp.BoshUrl),
        Jid = Blank(options.Xmpp.Jid),
        Password = string.IsNullOrEmpty(options.Xmpp.Password) ? null : options.Xmpp.Password,
        Resource = Blank(options.Xmpp.Resource),
        WaitSeconds = options.Xmpp.WaitSeconds,
        Hold = options.Xmpp.Hold,
        PollInterval = options.Polling.Interval,
        AllowPlainOverHttp = options.Xmpp.AllowPlainOverHttp,
    };

    /// <summary>The shape the hub's transport factory takes.</summary>
    public XmppSettings ToXmppSettings(bool acceptDevicesFromOwnDomain) => new()
    {
        BoshUrl = BoshUrl,
        Jid = Jid,
        Password = Password,
        Resource = Resource,
        WaitSeconds = WaitSeconds,
        Hold = Hold,
        AllowPlainOverHttp = AllowPlainOverHttp,
        AcceptDevicesFromOwnDomain = acceptDevicesFromOwnDomain,
    };

    /// <summary>The fields whose value differs in <paramref name="other"/> (names only, never values).</summary>
    public IReadOnlyList<string> ChangedFields(ConnectionSettings other)
    {
        var changed = new List<string>();
        void Compare(string name, bool same)
        {
            if (!same)
            {
                changed.Add(name);
            }
        }

        Compare(nameof(BoshUrl), string.Equals(BoshUrl, other.BoshUrl, StringComparison.Ordinal));
        Compare(nameof(Jid), string.Equals(Jid, other.Jid, StringComparison.Ordinal));
        Compare(nameof(Password), string.Equals(Password, other.Password, StringComparison.Ordinal));
        Compare(nameof(Resource), string.Equals(Resource, other.Resource, StringComparison.Ordinal));
        Compare(nameof(WaitSeconds), WaitSeconds == other.WaitSeconds);
        Compare(nameof(Hold), Hold == other.Hold);
        Compare(nameof(PollInterval), PollInterval == other.PollInterval);
        Compare(nameof(AllowPlainOverHttp), AllowPlainOverHttp == other.AllowPlainOverHttp);
        return changed;
    }

    /// <summary>Empty or white space means "not set".</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // The generated ToString would print the password; this one says only whether there is one.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BoshUrl = ").Append(BoshUrl).Append(", Jid = ").Append(Jid).Append(", Password = ")
            .Append(HasPassword ? "(set)" : "(not set)").Append(", Resource = ").Append(Resource)
            .Append(", WaitSeconds = ").Append(WaitSeconds).Append(", Hold = ").Append(Hold)
            .Append(", PollInterval = ").Append(PollInterval).Append(", AllowPlainOverHttp = ").Append(AllowPlainOverHttp);
        return true;
    }
}
