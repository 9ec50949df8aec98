using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Xmpp;

/// <summary>
/// One XMPP session over any <see cref="IXmppTransport"/>: login, presence, roster, messages, IQ
/// requests and answers, and reconnection with backoff. Every stanza from the network enters the
/// application through this class's events, in the order the transport delivered them.
/// </summary>
public sealed partial class XmppClient : IIqRequester, IAsyncDisposable
{
    private readonly Func<IXmppTransport> _transportFactory;
    private readonly XmppClientOptions _options;
    private readonly ILogger _logger;
    private readonly IqTracker _iqs;
    private readonly List<IIqHandler> _handlers = [];
    private readonly ConcurrentDictionary<string, byte> _features = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Jid, RosterItem> _roster = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private IXmppTransport? _transport;
    private volatile bool _stopping;
    private Task _readLoop = Task.CompletedTask;
    private XmppConnectionState _state = XmppConnectionState.Disconnected;

    public XmppClient(Func<IXmppTransport> transportFactory, XmppClientOptions options, ILogger<XmppClient>? logger = null)
    {
        _transportFactory = transportFactory;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _iqs = new IqTracker(options.TimeProvider);
        _features[XmppNamespaces.DiscoInfo.NamespaceName] = 0;
        _features[XmppNamespaces.Ping.NamespaceName] = 0;
    }

    /// <summary>The connection state changed; raised on a background thread.</summary>
    public event EventHandler<XmppConnectionStateChangedEventArgs>? StateChanged;

    /// <summary>A contact's availability changed.</summary>
    public event EventHandler<XmppPresence>? PresenceReceived;

    /// <summary>A contact asks to see this account's presence; answer with <see cref="ApproveSubscription"/>.</summary>
    public event EventHandler<Jid>? SubscriptionRequested;

    public event EventHandler<XmppMessage>? MessageReceived;

    /// <summary>The roster was fetched (after login and every re-sync) or pushed by the server.</summary>
    public event EventHandler<RosterChangedEventArgs>? RosterChanged;

    /// <summary>
    /// Raised after a lost session was re-established: roster re-read and presence re-sent. Whatever the
    /// application derived from the old session (point values, presence) should be re-read now.
    /// </summary>
    public event EventHandler? Resynchronized;

    /// <summary>Raw traffic of the current transport (bodies with rid and sid for BOSH).</summary>
    public event EventHandler<TransportTrafficEventArgs>? Traffic;

    public XmppConnectionState State => _state;

    /// <summary>The full JID the server bound, while connected.</summary>
    public Jid? BoundJid { get; private set; }

    /// <summary>The SASL mechanism of the last successful authentication (set before the Binding state is raised).</summary>
    public string? SaslMechanism { get; private set; }

    /// <summary>The roster as last fetched or pushed.</summary>
    public IReadOnlyCollection<RosterItem> Roster => _roster.Values.ToArray();

    /// <summary>One contact's roster entry, or null when the contact is not in the roster.</summary>
    public RosterItem? FindContact(Jid contact) => _roster.GetValueOrDefault(contact.Bare);

    /// <summary>IQ requests waiting for their reply.</summary>
    public int PendingRequests => _iqs.PendingCount;

    /// <summary>Answers incoming IQ requests its handler accepts; add before connecting.</summary>
    public void AddIqHandler(IIqHandler handler, params string[] discoFeatures)
    {
        lock (_handlers)
        {
            _handlers.Add(handler);
        }

        foreach (var feature in discoFeatures)
        {
            _features[feature] = 0;
        }
    }

    /// <summary>
    /// Opens a session, logs in, binds, fetches the roster and sends initial presence. Throws if this
    /// attempt fails; once connected, a lost session is re-established by itself (see <see cref="ReconnectPolicy"/>).
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state == XmppConnectionState.Connected)
            {
                return;
            }

            _stopping = false;
            await StartSessionAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <summary>Ends the session cleanly with unavailable presence; no reconnect follows.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        _stopping = true;
        var transport = _transport;
        if (transport is not null)
        {
            try
            {
                await transport.CloseAsync(new XElement(XmppNamespaces.Client + "presence",
                    new XAttribute("type", "unavailable")), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.CloseFailed(_logger, e);
            }

            await _readLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        SetState(XmppConnectionState.Disconnected);
    }

    /// <summary>Queues a stanza for sending. Throws <see cref="XmppDisconnectedException"/> when offline.</summary>
    public void Send(XElement stanza)
    {
        var transport = _transport;
        if (transport is null || _state != XmppConnectionState.Connected)
        {
            throw new XmppDisconnectedException("Not connected.");
        }

        transport.Send(stanza);
    }

    /// <inheritdoc />
    public Task<XElement> RequestAsync(XElement iq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var bound = BoundJid ?? throw new XmppDisconnectedException("Not connected.");
        return _iqs.RequestAsync(iq, bound, Send, timeout, cancellationToken);
    }

    /// <summary>Sends an IQ with the default timeout.</summary>
    public Task<XElement> RequestAsync(XElement iq, CancellationToken cancellationToken = default) =>
        RequestAsync(iq, _options.DefaultIqTimeout, cancellationToken);

    /// <summary>Sends availability presence to the account's contacts.</summary>
    public void SendPresence(PresenceAvailability availability = PresenceAvailability.Available, string? status = null)
    {
        var show = availability switch
        {
            PresenceAvailability.Away => "away",
            PresenceAvailability.Chat => "chat",
            PresenceAvailability.DoNotDisturb => "dnd",
            PresenceAvailability.ExtendedAway => "xa",
            _ => null,
        };
        Send(new XElement(XmppNamespaces.Client + "presence",
            availability == PresenceAvailability.Unavailable ? new XAttribute("type", "unavailable") : null,
            show is null ? null : new XElement(XmppNamespaces.Client + "show", show),
            status is null ? null : new XElement(XmppNamespaces.Client + "status", status)));
    }

    /// <summary>Adds a contact to the roster and asks for its presence.</summary>
    public async Task AddContactAsync(Jid contact, string? name = null, CancellationToken cancellationToken = default)
    {
        await RequestAsync(new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "set"),
            new XElement(XmppNamespaces.Roster + "query",
                new XElement(XmppNamespaces.Roster + "item", new XAttribute("jid", contact.Bare),
                    name is null ? null : new XAttribute("name", name)))), cancellationToken).ConfigureAwait(false);
        RequestSubscription(contact);
    }

    /// <summary>
    /// Asks for a contact's presence without a roster set first: the server adds the contact to the
    /// roster itself (RFC 6121 §3.1.2). One stanza, no reply to wait for.
    /// </summary>
    public void RequestSubscription(Jid contact) => SendSubscription(contact, "subscribe");

    /// <summary>Removes a contact (and both subscriptions) from the roster.</summary>
    public Task RemoveContactAsync(Jid contact, CancellationToken cancellationToken = default) =>
        RequestAsync(new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "set"),
            new XElement(XmppNamespaces.Roster + "query",
                new XElement(XmppNamespaces.Roster + "item", new XAttribute("jid", contact.Bare),
                    new XAttribute("subscription", "remove")))), cancellationToken);

    /// <summary>Lets a contact see this account's presence (answer to <see cref="SubscriptionRequested"/>).</summary>
    public void ApproveSubscription(Jid contact) => SendSubscription(contact, "subscribed");

    public void DenySubscription(Jid contact) => SendSubscription(contact, "unsubscribed");

    /// <summary>Fetches the roster from the server.</summary>
    public async Task<IReadOnlyList<RosterItem>> GetRosterAsync(CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync(new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "get"),
            new XElement(XmppNamespaces.Roster + "query")), cancellationToken).ConfigureAwait(false);
        var items = ParseRosterItems(result.Element(XmppNamespaces.Roster + "query"));
        _roster.Clear();
        foreach (var item in items)
        {
            _roster[item.Jid] = item;
        }

        Raise(RosterChanged, new RosterChangedEventArgs(items, isFullRoster: true));
        return items;
    }

    /// <summary>XEP-0199 ping; completes when the entity (or the server, for null) answered.</summary>
    public Task PingAsync(Jid? entity = null, CancellationToken cancellationToken = default) =>
        RequestAsync(new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "get"),
            entity is null ? null : new XAttribute("to", entity),
            new XElement(XmppNamespaces.Ping + "ping")), cancellationToken);

    /// <summary>XEP-0030 disco#info of an entity: its identities and features.</summary>
    public async Task<DiscoInfo> DiscoverAsync(Jid entity, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync(new XElement(XmppNamespaces.Client + "iq", new XAttribute("type", "get"),
            new XAttribute("to", entity), new XElement(XmppNamespaces.DiscoInfo + "query")), cancellationToken).ConfigureAwait(false);
        return DiscoInfo.Parse(result.Element(XmppNamespaces.DiscoInfo + "query"));
    }

    private void SendSubscription(Jid contact, string type) =>
        Send(new XElement(XmppNamespaces.Client + "presence", new XAttribute("to", contact.Bare), new XAttribute("type", type)));

    private async Task StartSessionAsync(CancellationToken cancellationToken)
    {
        SetState(_state == XmppConnectionState.Reconnecting ? XmppConnectionState.Reconnecting : XmppConnectionState.Connecting);
        var transport = _transportFactory();
        transport.Traffic += ForwardTraffic;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        attempt.CancelAfter(_options.ConnectTimeout);
        try
        {
            XmppLogin? login = null;
            login = new XmppLogin(transport, _options, state =>
            {
                // The mechanism is known once authentication succeeded, before binding starts.
                if (state == XmppConnectionState.Binding)
                {
                    SaslMechanism = login!.Mechanism;
                }

                SetState(state);
            });
            BoundJid = await login.RunAsync(attempt.Token).ConfigureAwait(false);
            SaslMechanism = login.Mechanism;
            _transport = transport;
            _readLoop = ReadLoopAsync(transport, login.EarlyStanzas);
        }
        catch (Exception e)
        {
            transport.Traffic -= ForwardTraffic;
            _transport = null;
            BoundJid = null;
            await transport.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested && !_lifetime.IsCancellationRequested)
            {
                throw new XmppDisconnectedException($"Login did not complete within {_options.ConnectTimeout.TotalSeconds:0} s.", e);
            }

            throw;
        }

        // From here the session is up and owned by the read loop: a failure below is logged, not fatal,
        // so a lost session is handled in one place (OnSessionEndedAsync).
        SetState(XmppConnectionState.Connected);
        Log.Connected(_logger, BoundJid, SaslMechanism);
        try
        {
            // Roster first, then presence: contacts' presence that follows is matched to known devices.
            await GetRosterAsync(cancellationToken).ConfigureAwait(false);
            if (_options.SendInitialPresence)
            {
                SendPresence();
            }
        }
        catch (Exception e) when (e is XmppDisconnectedException or XmppTimeoutException or StanzaErrorException)
        {
            Log.RosterFailed(_logger, e);
        }
    }

    private async Task ReadLoopAsync(IXmppTransport transport, IReadOnlyList<XElement> early)
    {
        await Task.Yield();
        Exception? error = null;
        try
        {
            foreach (var stanza in early)
            {
                Dispatch(stanza);
            }

            await foreach (var stanza in transport.Incoming.ReadAllAsync(_lifetime.Token).ConfigureAwait(false))
            {
                if (stanza.Name == XmppNamespaces.Streams + "error")
                {
                    error = StreamErrors.Parse(stanza);
                    continue;
                }

                Dispatch(stanza);
            }
        }
        catch (Exception e)
        {
            error ??= e;
        }

        await OnSessionEndedAsync(transport, error).ConfigureAwait(false);
    }

    private async Task OnSessionEndedAsync(IXmppTransport transport, Exception? error)
    {
        transport.Traffic -= ForwardTraffic;
        _transport = null;
        BoundJid = null;
        _iqs.FailAll(new XmppDisconnectedException("The XMPP session ended.", error));
        await transport.DisposeAsync().ConfigureAwait(false);

        if (_stopping || _lifetime.IsCancellationRequested)
        {
            SetState(XmppConnectionState.Disconnected);
            return;
        }

        Log.SessionLost(_logger, error);
        if (IsFinal(error) || !_options.Reconnect.Enabled)
        {
            SetState(XmppConnectionState.Failed, error);
            return;
        }

        _ = ReconnectAsync();
    }

    private async Task ReconnectAsync()
    {
        SetState(XmppConnectionState.Reconnecting);
        for (var attempt = 1; !_stopping && !_lifetime.IsCancellationRequested; attempt++)
        {
            var delay = _options.Reconnect.DelayFor(attempt);
            Log.Reconnecting(_logger, attempt, delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, _options.TimeProvider, _lifetime.Token).ConfigureAwait(false);
                await _connectGate.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                try
                {
                    if (_stopping)
                    {
                        return;
                    }

                    await StartSessionAsync(_lifetime.Token).ConfigureAwait(false);
                }
                finally
                {
                    _connectGate.Release();
                }

                Raise(Resynchronized, EventArgs.Empty);
                return;
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsFinal(e))
            {
                Log.ReconnectGaveUp(_logger, e);
                SetState(XmppConnectionState.Failed, e);
                return;
            }
            catch (Exception e)
            {
                Log.ReconnectFailed(_logger, attempt, e);
                SetState(XmppConnectionState.Reconnecting, e);
            }
        }
    }

    /// <summary>Errors after which a retry with the same settings cannot succeed, or would fight another session.</summary>
    private static bool IsFinal(Exception? error) => error switch
    {
        XmppAuthenticationException or Sasl.SaslException => true,
        XmppStreamErrorException stream => stream.IsFinal,
        XmppTransportException transport => !transport.IsRecoverable,
        _ => false,
    };

    private void ForwardTraffic(object? sender, TransportTrafficEventArgs e) => Traffic?.Invoke(this, e);

    private void SetState(XmppConnectionState state) => SetState(state, null);

    private void SetState(XmppConnectionState state, Exception? error)
    {
        if (_state == state && error is null)
        {
            return;
        }

        _state = state;
        Raise(StateChanged, new XmppConnectionStateChangedEventArgs(state, error));
    }

    /// <summary>An application handler that throws must not end the session or skip later stanzas.</summary>
    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, args);
        }
        catch (Exception e)
        {
            Log.HandlerFailed(_logger, typeof(T).Name, e);
        }
    }

    private void Raise(EventHandler? handler, EventArgs args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
        catch (Exception e)
        {
            Log.HandlerFailed(_logger, nameof(EventArgs), e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }

        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await DisconnectAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or XmppDisconnectedException)
        {
            Log.CloseFailed(_logger, e);
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _iqs.FailAll(new ObjectDisposedException(nameof(XmppClient)));
        // The gate and the lifetime source are left undisposed: a reconnect attempt may still be leaving
        // them, and neither holds an OS handle or a timer.
    }
}
