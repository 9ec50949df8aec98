using System.Globalization;
using Dashboard.Web.Data;
using Dashboard.Web.Hub;
using Dashboard.Web.Live;
using Dashboard.Web.Settings;
using Dashboard.Xmpp;

namespace Dashboard.Web.Health;

/// <summary>
/// What keeps the dashboard from working as it should, for the banner every page shows: the database
/// refusing writes (the store writer's last error and backlog), or the XMPP session down with its reason.
/// One subscription for the whole app; <see cref="Changed"/> tells the banners to look again.
/// </summary>
public sealed class DashboardHealth : IDisposable
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(250);
    private readonly Func<HubConnectionState> _connection;
    private readonly StoreWriter _writer;
    private readonly ConnectionSettingsProvider _settings;
    private readonly LiveSubscription _live;

    public DashboardHealth(XmppHub hub, StoreWriter writer, ConnectionSettingsProvider settings, LiveUpdates live)
        : this(() => hub.Connection, writer, settings, live)
    {
    }

    /// <summary>With the XMPP session's state from <paramref name="connection"/> (component tests set it).</summary>
    internal DashboardHealth(Func<HubConnectionState> connection, StoreWriter writer, ConnectionSettingsProvider settings, LiveUpdates live)
    {
        _connection = connection;
        _settings = settings;
        _writer = writer;
        _writer.StatusChanged += OnWriterStatusChanged;
        _live = live.Subscribe(changes =>
        {
            if (changes.Any(c => c.Kind == LiveChangeKind.Connection))
            {
                Changed?.Invoke(this, EventArgs.Empty);
            }

            return Task.CompletedTask;
        }, LiveInterval);
    }

    /// <summary>Something the report depends on changed (raised on a background thread).</summary>
    public event EventHandler? Changed;

    /// <summary>The problems now; empty when all is well.</summary>
    public IReadOnlyList<HealthProblem> Problems()
    {
        var problems = new List<HealthProblem>(2);
        if (_writer.LastError is { } error)
        {
            var since = _writer.FailingSince is { } at ? $" since {at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}" : "";
            var dropped = _writer.Dropped > 0
                ? string.Create(CultureInfo.InvariantCulture, $" The {_writer.MaxBacklog:N0}-row limit was reached: {_writer.Dropped:N0} sample and log rows were discarded; audit and alarm rows are kept.")
                : "";
            problems.Add(new HealthProblem(HealthArea.Database, HealthSeverity.Error, $"The database is not accepting writes{since}.",
                string.Create(CultureInfo.InvariantCulture, $"{error} {_writer.Backlog:N0} rows are held in memory and retried every 2 s.{dropped} Live values are not affected.")));
        }

        if (_settings.LoadError is { } unusable)
        {
            problems.Add(new HealthProblem(HealthArea.Xmpp, HealthSeverity.Error, "The saved connection settings are not used; the XMPP session is off.", unusable));
        }
        else if (XmppProblem(_connection()) is { } xmpp)
        {
            problems.Add(xmpp);
        }

        return problems;
    }

    private static HealthProblem? XmppProblem(HubConnectionState connection)
    {
        if (!connection.Configured)
        {
            return new HealthProblem(HealthArea.Xmpp, HealthSeverity.Info, "No XMPP session.", connection.LastError ?? "No XMPP server is configured.");
        }

        var reason = connection.LastError is null ? "" : $" {connection.LastError}";
        return connection.State switch
        {
            XmppConnectionState.Connected => null,
            XmppConnectionState.Failed => new HealthProblem(HealthArea.Xmpp, HealthSeverity.Error, "The XMPP session is down and not retried.",
                $"{connection.LastError ?? "The server refused the session."} An Admin can correct the connection on the Settings page."),
            XmppConnectionState.Reconnecting => new HealthProblem(HealthArea.Xmpp, HealthSeverity.Warning, "The XMPP session is down; reconnecting.", reason.Trim()),
            XmppConnectionState.Disconnected => new HealthProblem(HealthArea.Xmpp, HealthSeverity.Warning, "The XMPP session is down.", reason.Trim()),
            // Logging in: a problem only when it follows a failure (a retry), not on the way up.
            _ when connection.LastError is not null => new HealthProblem(HealthArea.Xmpp, HealthSeverity.Warning,
                "The XMPP session is down; reconnecting.", connection.LastError),
            _ => null,
        };
    }

    private void OnWriterStatusChanged(object? sender, EventArgs e) => Changed?.Invoke(this, EventArgs.Empty);

    public void Dispose()
    {
        _writer.StatusChanged -= OnWriterStatusChanged;
        _live.Dispose();
    }
}
