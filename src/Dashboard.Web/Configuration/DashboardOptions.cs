namespace Dashboard.Web.Configuration;

/// <summary>The dashboard's settings (section <c>Dashboard</c>; environment: <c>Dashboard__Xmpp__BoshUrl</c> …).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    public XmppSettings Xmpp { get; set; } = new();

    public PollingSettings Polling { get; set; } = new();

    public PushSettings Push { get; set; } = new();

    public StorageSettings Storage { get; set; } = new();
}

/// <summary>The dashboard's own XMPP session. Without a BOSH URL the hub stays off and the UI says so.</summary>
public sealed class XmppSettings
{
    /// <summary>The BOSH connection manager, e.g. <c>https://xmpp.example.com/http-bind</c>.</summary>
    public string? BoshUrl { get; set; }

    /// <summary>The dashboard's account, <c>user@domain</c>.</summary>
    public string? Jid { get; set; }

    /// <summary>The account's password. Never logged, never sent to a browser.</summary>
    public string? Password { get; set; }

    /// <summary>The resource to bind; default: <c>dashboard-</c> plus the machine name.</summary>
    public string? Resource { get; set; }

    /// <summary>BOSH <c>wait</c>: how long the connection manager may hold an empty poll.</summary>
    public int WaitSeconds { get; set; } = 60;

    /// <summary>BOSH <c>hold</c>: requests the connection manager may keep waiting.</summary>
    public int Hold { get; set; } = 1;

    /// <summary>Allow SASL PLAIN over plain-HTTP BOSH (a loopback or trusted network only).</summary>
    public bool AllowPlainOverHttp { get; set; }

    /// <summary>
    /// Take in any account of the dashboard's own XMPP domain that asks for a presence subscription as a
    /// device (for servers whose accounts only operators create). Off: only known devices are approved.
    /// </summary>
    public bool AcceptDevicesFromOwnDomain { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BoshUrl);
}

/// <summary>How often and how hard the hub reads the devices' points.</summary>
public sealed class PollingSettings
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>SOAP requests in flight across the whole fleet.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>How long one device may take to answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A value not refreshed within this many intervals counts as Stale.</summary>
    public int StaleAfterIntervals { get; set; } = 3;
}

/// <summary>Where and how long the dashboard keeps its record.</summary>
public sealed class StorageSettings
{
    /// <summary>The SQLite file, relative to the working directory unless absolute.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "dashboard.db");

    public int SampleRetentionDays { get; set; } = 30;

    public int LogRetentionDays { get; set; } = 14;
}
