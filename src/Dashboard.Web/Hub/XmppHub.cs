using System.Collections.Concurrent;
using System.Threading.Channels;
using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Live;
using Dashboard.Web.Settings;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Sasl;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hub;

/// <summary>
/// Owns the dashboard's one XMPP session: connects at start and stays connected, keeps the device
/// registry in step with the roster and with presence, and records presence changes.
/// </summary>
public sealed partial class XmppHub(
    IOptions<DashboardOptions> options,
    ConnectionSettingsProvider settings,
    XmppTransportFactory transports,
    DeviceRegistry registry,
    StoreWriter store,
    LiveUpdates live,
    IDbContextFactory<DashboardDbContext> contexts,
    TimeProvider time,
    IEnumerable<IXmppSessionHandler> sessionHandlers,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<XmppHub>();
    private readonly RosterDeviceWriter _newDevices = new(contexts, time, loggers.CreateLogger<RosterDeviceWriter>());
    private readonly ConcurrentDictionary<Jid, ConcurrentDictionary<string, PresenceAvailability>> _resources = new();
    private readonly ConcurrentDictionary<Jid, PresenceFloodGuard> _presenceGuards = new();
    private readonly Channel<bool> _settingsChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    // Until the first login attempt reports, a configured hub is on its way up, not "not configured".
    private HubConnectionState _connection = settings.Current.IsConfigured
        ? HubConnectionState.NotConfigured with { Configured = true, State = XmppConnectionState.Connecting, LastError = null }
        : HubConnectionState.NotConfigured;

    /// <summary>The session, once started; null when no XMPP server is configured.</summary>
    public XmppClient? Client { get; private set; }

    /// <summary>The SmartServer data-server API over the session; null until it starts.</summary>
    public SmartServerClient? SmartServers { get; private set; }

    public HubConnectionState Connection => _connection;

    /// <summary>A device came online (or the session was re-established while it was): read it now.</summary>
    public event EventHandler<Jid>? DeviceOnline;

    /// <summary>The session was lost and re-established: every device's values should be re-read.</summary>
    public event EventHandler? Resynchronized;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await LoadDevicesAsync(stoppingToken).ConfigureAwait(false);
        settings.Changed += OnSettingsChanged;
        var storingNewDevices = _newDevices.RunAsync(stoppingToken);
        try
        {
            // One session per settings in use: a saved change ends it and the loop logs in with the new ones.
            while (!stoppingToken.IsCancellationRequested)
            {
                while (_settingsChanged.Reader.TryRead(out _))
                {
                }

                using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var run = RunSessionAsync(settings.Current, session.Token);
                try
                {
                    await _settingsChanged.Reader.ReadAsync(stoppingToken).ConfigureAwait(false);
                    Log.SettingsChanged(_logger);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                }
                finally
                {
                    await session.CancelAsync().ConfigureAwait(false);
                    await run.ConfigureAwait(false);
                }
            }
        }
        finally
        {
            settings.Changed -= OnSettingsChanged;
            await storingNewDevices.ConfigureAwait(false);
        }
    }

    private void OnSettingsChanged(object? sender, ConnectionSettings e) => _settingsChanged.Writer.TryWrite(true);

    /// <summary>Holds one session with <paramref name="current"/> until <paramref name="sessionToken"/> ends it.</summary>
    private async Task RunSessionAsync(ConnectionSettings current, CancellationToken sessionToken)
    {
        if (!current.IsConfigured)
        {
            Log.NotConfigured(_logger);
            _connection = settings.LoadError is { } reason
                ? HubConnectionState.NotConfigured with { LastError = $"The saved connection settings are not used: {reason}" }
                : HubConnectionState.NotConfigured;
            live.Publish(new LiveChange(LiveChangeKind.Connection, null, "NotConfigured"));
            await WaitUntilCancelledAsync(sessionToken).ConfigureAwait(false);
            return;
        }

        var xmpp = current.ToXmppSettings(options.Value.Xmpp.AcceptDevicesFromOwnDomain);
        var client = new XmppClient(() => transports(xmpp), new XmppClientOptions
        {
            Jid = Jid.Parse(xmpp.Jid!),
            Password = xmpp.Password!,
            Resource = xmpp.Resource ?? $"dashboard-{Environment.MachineName.ToLowerInvariant()}",
            Sasl = SaslPolicy.Default with { AllowPlainOverInsecureTransport = xmpp.AllowPlainOverHttp },
            TimeProvider = time,
        }, loggers.CreateLogger<XmppClient>());
        var soap = new SoapClient(client, new SoapOptions { DefaultTimeout = options.Value.Polling.RequestTimeout });
        soap.Completed += RecordExchange;
        client.StateChanged += OnStateChanged;
        client.RosterChanged += OnRosterChanged;
        client.PresenceReceived += OnPresence;
        client.SubscriptionRequested += OnSubscriptionRequested;
        client.Resynchronized += OnResynchronized;
        foreach (var handler in sessionHandlers)
        {
            handler.Attach(client);
        }

        Client = client;
        SmartServers = new SmartServerClient(soap);
        try
        {
            await ConnectWithRetryAsync(client, sessionToken).ConfigureAwait(false);
            await WaitUntilCancelledAsync(sessionToken).ConfigureAwait(false);
        }
        finally
        {
            // Events of a client being replaced no longer reach the registry; its devices go offline here.
            Client = null;
            SmartServers = null;
            await client.DisposeAsync().ConfigureAwait(false);
            soap.Completed -= RecordExchange;
            client.StateChanged -= OnStateChanged;
            client.RosterChanged -= OnRosterChanged;
            client.PresenceReceived -= OnPresence;
            client.SubscriptionRequested -= OnSubscriptionRequested;
            client.Resynchronized -= OnResynchronized;
            SetConnection(client, XmppConnectionState.Disconnected, null);
            MarkAllOffline();
        }
    }

    private static async Task WaitUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnResynchronized(object? sender, EventArgs e)
    {
        if (!ReferenceEquals(sender, Client))
        {
            return;
        }

        Log.Resynchronized(_logger);
        Resynchronized?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>The first connection is retried like a lost one: the dashboard may start before its XMPP server.</summary>
    private async Task ConnectWithRetryAsync(XmppClient client, CancellationToken stoppingToken)
    {
        var policy = new ReconnectPolicy();
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await client.ConnectAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is XmppAuthenticationException or SaslException)
            {
                Log.LoginRefused(_logger, e);
                SetConnection(client, XmppConnectionState.Failed, e.Message);
                return;
            }
            catch (Exception e)
            {
                var delay = policy.DelayFor(attempt);
                Log.ConnectFailed(_logger, attempt, delay.TotalSeconds, e);
                SetConnection(client, XmppConnectionState.Reconnecting, e.Message);
                try
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task LoadDevicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var device in await db.Devices.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Jid.TryParse(device.Jid, out var jid))
            {
                registry.AddOrUpdate(jid, device.Name, device.Site, device.Area);
            }
            else
            {
                Log.InvalidStoredJid(_logger, device.Id);
            }
        }
    }

    /// <summary>Every SOAP exchange becomes a row of the Logs page, through the batched writer.</summary>
    private void RecordExchange(object? sender, SoapExchangeEventArgs e)
    {
        var outcome = e.Error switch
        {
            null => SoapOutcome.Success,
            SoapFault => SoapOutcome.Fault,
            XmppTimeoutException => SoapOutcome.Timeout,
            _ => SoapOutcome.Error,
        };
        store.Enqueue(new SoapExchange
        {
            CorrelationId = e.Id ?? Guid.NewGuid().ToString("N"),
            Jid = e.To.Bare.ToString(),
            Operation = e.Operation,
            StartedAt = time.GetUtcNow() - e.Duration,
            DurationMs = e.Duration.TotalMilliseconds,
            Outcome = outcome,
            Request = e.Request,
            Response = e.Response,
            Error = e.Error?.Message,
        });
        live.Publish(new LiveChange(LiveChangeKind.SoapExchange, e.To.Bare.ToString(), e.Operation));
    }

    private void OnStateChanged(object? sender, XmppConnectionStateChangedEventArgs e)
    {
        if (sender is not XmppClient client || !ReferenceEquals(client, Client))
        {
            return;
        }

        SetConnection(client, e.State, e.Error?.Message);
        if (e.State is XmppConnectionState.Reconnecting or XmppConnectionState.Failed or XmppConnectionState.Disconnected)
        {
            MarkAllOffline();
        }
    }

    /// <summary>Without a session the hub cannot know who is online; after login the server re-sends presence.</summary>
    private void MarkAllOffline()
    {
        _resources.Clear();
        foreach (var device in registry.Devices.Where(d => d.IsOnline))
        {
            ApplyAvailability(device.Jid, PresenceAvailability.Unavailable, "dashboard lost its XMPP session");
        }
    }

    private void SetConnection(XmppClient client, XmppConnectionState state, string? error)
    {
        _connection = new HubConnectionState(true, state, client.BoundJid?.ToString(), client.SaslMechanism,
            time.GetUtcNow(), state == XmppConnectionState.Connected ? null : error ?? _connection.LastError);
        live.Publish(new LiveChange(LiveChangeKind.Connection, null, state.ToString()));
    }

    private void OnRosterChanged(object? sender, RosterChangedEventArgs e)
    {
        if (!ReferenceEquals(sender, Client))
        {
            return;
        }

        foreach (var item in e.Items.Where(i => i.Subscription != RosterSubscription.Remove && registry.Find(i.Jid) is null))
        {
            registry.AddOrUpdate(item.Jid, item.Name ?? item.Jid.Local ?? item.Jid.ToString());
            _newDevices.Enqueue(item);
        }

        if (e.IsFullRoster && sender is XmppClient client)
        {
            AskForMissingPresence(client);
        }
    }

    /// <summary>
    /// After each login: every known device whose presence the dashboard does not receive yet (added while
    /// it was offline, or an earlier request got lost) is asked again. Only then, not on every roster push,
    /// so a device that refuses is not asked in a loop.
    /// </summary>
    private void AskForMissingPresence(XmppClient client)
    {
        var asked = 0;
        foreach (var device in registry.Devices)
        {
            if (MustAskForPresence(client, device.Jid))
            {
                client.RequestSubscription(device.Jid);
                asked++;
            }
        }

        if (asked > 0)
        {
            Log.AskedForPresence(_logger, asked);
        }
    }

    private void OnPresence(object? sender, XmppPresence presence)
    {
        if (!ReferenceEquals(sender, Client))
        {
            return;
        }

        var device = presence.From.Bare;
        if (registry.Find(device) is null)
        {
            return; // not a SmartServer the dashboard knows (e.g. the account's other resources)
        }

        var resources = _resources.GetOrAdd(device, _ => new ConcurrentDictionary<string, PresenceAvailability>(StringComparer.Ordinal));
        var resource = presence.From.Resource ?? "";
        if (presence.Availability is PresenceAvailability.Unavailable or PresenceAvailability.Error)
        {
            resources.TryRemove(resource, out _);
        }
        else
        {
            resources[resource] = presence.Availability;
        }

        // A device with several resources is as available as its most available one, and is asked there.
        var best = resources.IsEmpty ? (KeyValuePair<string, PresenceAvailability>?)null : resources.MinBy(r => r.Value);
        registry.Update(device, d => d.Resource == best?.Key ? d : d with { Resource = best?.Key }, LiveChangeKind.Presence);
        ApplyAvailability(device, best?.Value ?? presence.Availability, presence.Status);
    }

    private void ApplyAvailability(Jid device, PresenceAvailability availability, string? status)
    {
        var before = registry.Find(device);
        if (before is null || before.Availability == availability)
        {
            return;
        }

        var now = time.GetUtcNow();
        var after = registry.Update(device, d => d with { Availability = availability, PresenceSince = now }, LiveChangeKind.Presence);
        // A flapping device updates the screen (coalesced by the broker) but not the log without bound.
        if (_presenceGuards.GetOrAdd(device, _ => new PresenceFloodGuard()).Admit(now))
        {
            store.Enqueue(new PresenceEvent { Jid = device.ToString(), Availability = availability.ToString(), Status = status, At = now });
        }
        else
        {
            Log.PresenceFlood(_logger, device);
        }

        if (after is { IsOnline: true } && !before.IsOnline)
        {
            DeviceOnline?.Invoke(this, device);
        }
    }

    /// <summary>Neither receiving the device's presence nor waiting for an answer to an earlier request.</summary>
    private static bool MustAskForPresence(XmppClient client, Jid device) =>
        client.FindContact(device) is not ({ ReceivesPresence: true } or { PendingOut: true });

    private void OnSubscriptionRequested(object? sender, Jid contact)
    {
        if (sender is not XmppClient client || !ReferenceEquals(client, Client))
        {
            return;
        }

        if (registry.Find(contact) is not null)
        {
            client.ApproveSubscription(contact);
            if (MustAskForPresence(client, contact))
            {
                client.RequestSubscription(contact);
            }

            return;
        }

        if (options.Value.Xmpp.AcceptDevicesFromOwnDomain && contact.Domain == client.BoundJid?.Domain && contact.Local is not null)
        {
            // Accounts on the dashboard's own server are provisioned by its operators: take them in as devices.
            Log.DeviceDiscovered(_logger, contact);
            registry.AddOrUpdate(contact, contact.Local ?? contact.ToString());
            _newDevices.Enqueue(new RosterItem(contact, null, RosterSubscription.From, false, []));
            // Presence stanzas only: the server adds the roster item itself (RFC 6121 §3.1.2), and an extra
            // roster set per device is what made a fleet subscribing at once wait on the server.
            client.ApproveSubscription(contact);
            client.RequestSubscription(contact);
            return;
        }

        Log.SubscriptionDenied(_logger, contact);
        client.DenySubscription(contact);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "No XMPP server is configured (Settings page, or Dashboard:Xmpp:BoshUrl); the hub stays off")]
        public static partial void NotConfigured(ILogger logger);

        [LoggerMessage(2, LogLevel.Critical, "The XMPP server refused the dashboard's credentials; correct them on the Settings page")]
        public static partial void LoginRefused(ILogger logger, Exception error);

        [LoggerMessage(3, LogLevel.Warning, "Connecting to XMPP failed (attempt {Attempt}); retrying in {DelaySeconds:0.0} s")]
        public static partial void ConnectFailed(ILogger logger, int attempt, double delaySeconds, Exception error);

        [LoggerMessage(4, LogLevel.Information, "XMPP session re-established; devices will be re-read")]
        public static partial void Resynchronized(ILogger logger);

        [LoggerMessage(5, LogLevel.Warning, "Stored device {DeviceId} has an invalid JID and was skipped")]
        public static partial void InvalidStoredJid(ILogger logger, int deviceId);

        [LoggerMessage(6, LogLevel.Information, "Asked {Count} known devices for their presence, which the dashboard does not receive yet")]
        public static partial void AskedForPresence(ILogger logger, int count);

        [LoggerMessage(7, LogLevel.Warning, "Presence subscription from unknown {Jid} denied")]
        public static partial void SubscriptionDenied(ILogger logger, Jid jid);

        [LoggerMessage(8, LogLevel.Information, "New device {Jid} on the dashboard's own server taken in")]
        public static partial void DeviceDiscovered(ILogger logger, Jid jid);

        [LoggerMessage(10, LogLevel.Debug, "{Jid} is flapping; presence changes beyond the limit are not logged")]
        public static partial void PresenceFlood(ILogger logger, Jid jid);

        [LoggerMessage(11, LogLevel.Information, "Connection settings changed; the XMPP session is re-established with them")]
        public static partial void SettingsChanged(ILogger logger);
    }
}
