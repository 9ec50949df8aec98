using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.Extensions.Logging;

namespace Dashboard.Simulator;

/// <summary>
/// One simulated SmartServer: its own XMPP session under a MAC-ID JID, presence, and the data-server SOAP
/// API (List, Read, Write, Get, Invoke, Delete) answered from a <see cref="SimulatedDevice"/> whose points
/// drift over time. Fault switches make it slow, faulty, garbled, silent, flapping or offline. In push
/// mode (<see cref="PushTarget"/>) its WebBinder also sends every point update to the dashboard.
/// </summary>
public sealed partial class SimulatedSmartServer : IAsyncDisposable
{
    private readonly XmppClient _client;
    private readonly Jid? _dashboard;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);
    private readonly int _seed;
    private WebBinderPusher? _pusher;
    private Task _ticker = Task.CompletedTask;
    private Task _flapper = Task.CompletedTask;
    private bool _offline;

    public SimulatedSmartServer(Jid jid, string password, Func<IXmppTransport> transport, Jid? dashboard, int seed,
        TimeProvider time, ILoggerFactory loggers)
    {
        Jid = jid.Bare;
        _dashboard = dashboard?.Bare;
        _time = time;
        _logger = loggers.CreateLogger<SimulatedSmartServer>();
        _seed = seed;
        Device = new SimulatedDevice(seed, time.GetUtcNow());
        _client = new XmppClient(transport, new XmppClientOptions
        {
            Jid = jid,
            Password = password,
            Resource = "smartserver",
            Identity = new DiscoIdentity(SoapNamespaces.IdentityCategory, SoapNamespaces.IdentityType, "SmartServer " + jid.Local),
            TimeProvider = time,
        }, loggers.CreateLogger<XmppClient>());
        _client.AddIqHandler(new SoapRequestHandler(AnswerAsync, loggers.CreateLogger<SoapRequestHandler>()), SoapNamespaces.DiscoFeature);
        _client.SubscriptionRequested += OnSubscriptionRequested;
        _client.PresenceReceived += (_, presence) => _pusher?.OnPresence(presence);
    }

    public Jid Jid { get; }

    public SimulatedDevice Device { get; }

    /// <summary>How often the points move.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The WebBinder target every point is bound to (the dashboard's account); null: no push.</summary>
    public Jid? PushTarget { get; init; }

    /// <summary>The WebBinder, in push mode: what it sent and what failed.</summary>
    public WebBinderPusher? WebBinder => _pusher;

    /// <summary>While set, updates are not sent: the Web connections went silent (deleted, or broken on the device).</summary>
    public bool BindingsSilent { get; set; }

    /// <summary>The device's XMPP session, for sending what a faulty WebBinder would (tests).</summary>
    public IIqRequester Session => _client;

    /// <summary>How often a point was asked for in a Read.</summary>
    public int TimesRead(string name) => _reads.GetValueOrDefault(name);

    public XmppConnectionState State => _client.State;

    /// <summary>SOAP requests answered (or refused) so far.</summary>
    public long RequestsHandled => Interlocked.Read(ref _requestsHandled);

    private long _requestsHandled;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (PushTarget is { } target)
        {
            _pusher = new WebBinderPusher(_client, Jid, target, _seed, _time.GetUtcNow(), _time, _logger, _lifetime.Token);
        }

        await _client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        _ticker = TickAsync();
        if (Device.Faults.FlapEvery is { } every)
        {
            _flapper = FlapAsync(every);
        }
    }

    /// <summary>Goes offline as far as presence goes (the session stays), as a SmartServer losing its field bus would.</summary>
    public void GoOffline()
    {
        _offline = true;
        _client.SendPresence(PresenceAvailability.Unavailable);
    }

    public void GoOnline()
    {
        _offline = false;
        _client.SendPresence();
    }

    /// <summary>The plant moves a point (a sensor reading, a switch thrown by hand); in push mode the binding sends it.</summary>
    public PointSnapshot ChangePoint(string name, string value)
    {
        var changed = Device.Change(name, value, _time.GetUtcNow());
        Push([changed]);
        return changed;
    }

    private void Push(IReadOnlyList<PointSnapshot> updated)
    {
        if (!BindingsSilent && updated.Count > 0)
        {
            _pusher?.Send(updated);
        }
    }

    /// <summary>
    /// Asks the dashboard account for a presence subscription, so each sees the other; a SmartServer
    /// whose roster already has the dashboard both ways (set up on an earlier run) does not ask again.
    /// </summary>
    public void SubscribeTo(Jid dashboard)
    {
        if (_client.FindContact(dashboard) is not { Subscription: RosterSubscription.Both })
        {
            _client.RequestSubscription(dashboard.Bare);
        }
    }

    private void OnSubscriptionRequested(object? sender, Jid from)
    {
        if (_dashboard is null || from == _dashboard)
        {
            _client.ApproveSubscription(from);
        }
        else
        {
            _client.DenySubscription(from);
        }
    }

    private async Task<SoapEnvelope> AnswerAsync(SoapRequestContext request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestsHandled);
        var faults = Device.Faults;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        if (faults.NeverAnswer || _offline)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, linked.Token).ConfigureAwait(false);
        }

        if (faults.ReplyDelay > TimeSpan.Zero)
        {
            await Task.Delay(faults.ReplyDelay, _time, linked.Token).ConfigureAwait(false);
        }

        if (faults.SoapFaults)
        {
            throw new SoapFault(SoapFaultCode.Receiver, "Simulated data server failure.", "SimulatedFault");
        }

        if (faults.MalformedReplies)
        {
            return new SoapEnvelope(request.Envelope.Version, [], new XElement("garbage", "not a data-server response"));
        }

        var payload = request.Envelope.Payload;
        if (payload.Name.Namespace != SmartServerMessages.Message)
        {
            throw new SoapFault(SoapFaultCode.Sender, $"Unknown message namespace '{payload.Name.NamespaceName}'.");
        }

        var now = _time.GetUtcNow();
        var response = payload.Name.LocalName switch
        {
            "List" => SmartServerMessages.Response("List", Filter(Device.Snapshot(), payload).Select(p => ToDataPoint(p, withValue: false)).ToArray()),
            "Read" or "Get" => SmartServerMessages.Response(payload.Name.LocalName, Items(CountReads(payload), p => ToDataPoint(p, withValue: true))),
            "Write" => Write(payload, now),
            "Invoke" => SmartServerMessages.Response("Invoke", SmartServerMessages.ParseNames(payload)
                .Select(n => Device.ResetPriority(n, now) is { } fault ? Faulted(n, fault) : Device.Snapshot([n]).Select(p => ToDataPoint(p, true)).Single()).ToArray()),
            "Delete" => SmartServerMessages.Response("Delete", SmartServerMessages.ParseNames(payload).Select(n => Faulted(n, "Items of a simulated SmartServer cannot be deleted.")).ToArray()),
            var other => throw new SoapFault(SoapFaultCode.Sender, $"The data server has no operation '{other}'."),
        };
        return new SoapEnvelope(request.Envelope.Version, [], response);
    }

    private XElement Write(XElement payload, DateTimeOffset now)
    {
        IReadOnlyList<PointWrite> writes;
        try
        {
            writes = SmartServerMessages.ParseWrites(payload);
        }
        catch (FormatException e)
        {
            throw new SoapFault(SoapFaultCode.Sender, e.Message);
        }

        var items = writes.Select(w => Device.Write(w.Name, w.Value, w.ValueDefinition, w.Priority, now) is { } fault
            ? Faulted(w.Name, fault)
            : new DataPoint(w.Name, "Dp_Data", null, [], null, null, null, null)).ToArray();
        Push(Device.Snapshot(items.Where(i => !i.IsFaulted).Select(i => i.Name)));
        return SmartServerMessages.Response("Write", items);
    }

    private IReadOnlyList<string> CountReads(XElement payload)
    {
        var names = SmartServerMessages.ParseNames(payload);
        if (payload.Name.LocalName == "Read")
        {
            foreach (var name in names)
            {
                _reads.AddOrUpdate(name, 1, (_, n) => n + 1);
            }
        }

        return names;
    }

    private DataPoint[] Items(IReadOnlyList<string> names, Func<PointSnapshot, DataPoint> map)
    {
        var known = Device.Snapshot(names).ToDictionary(p => p.Name, StringComparer.Ordinal);
        return names.Select(n => known.TryGetValue(n, out var p) ? map(p) : Faulted(n, $"The data point '{n}' does not exist.", ItemFaultCode.NameNotFound)).ToArray();
    }

    /// <summary>The one xSelect form the simulator honours: <c>//Item[@xsi:type="T"]</c>; every point is Dp_Data.</summary>
    private static IEnumerable<PointSnapshot> Filter(IReadOnlyList<PointSnapshot> points, XElement list)
    {
        var select = list.Descendants(SmartServerMessages.Message + "xSelect").FirstOrDefault()?.Value;
        var type = select is null ? null : TypeFilter().Match(select) is { Success: true } m ? m.Groups[1].Value : null;
        return type is null or "Dp_Data" ? points : [];
    }

    private static DataPoint ToDataPoint(PointSnapshot p, bool withValue) => new(p.Name, "Dp_Data", p.Annotation,
        withValue
            ? [new DataPointValue(p.Value, p.LonFormat, p.Unit), .. p.ValueDefinition is null ? Array.Empty<DataPointValue>() : [new DataPointValue(p.ValueDefinition, "UCPTvalueDef", null)]]
            : [new DataPointValue("", p.LonFormat, p.Unit)],
        withValue ? p.Status : null, withValue ? p.Priority : null, p.LastUpdate, null);

    private static DataPoint Faulted(string name, string fault, ItemFaultCode code = ItemFaultCode.CommandFailed) =>
        new(name, null, null, [], null, null, null, fault, code);

    private async Task TickAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(TickInterval, _time);
            while (await timer.WaitForNextTickAsync(_lifetime.Token).ConfigureAwait(false))
            {
                var changed = Device.Tick(_time.GetUtcNow());
                if (changed.Count > 0)
                {
                    PointsChanged?.Invoke(this, changed);
                    Push(changed);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FlapAsync(TimeSpan every)
    {
        try
        {
            using var timer = new PeriodicTimer(every, _time);
            while (await timer.WaitForNextTickAsync(_lifetime.Token).ConfigureAwait(false))
            {
                if (_client.State != XmppConnectionState.Connected)
                {
                    continue;
                }

                if (_offline)
                {
                    GoOnline();
                }
                else
                {
                    GoOffline();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Points that moved on a tick (the push mode sends these to the dashboard).</summary>
    public event EventHandler<IReadOnlyList<PointSnapshot>>? PointsChanged;

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_ticker, _flapper).ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
        Log.Stopped(_logger, Jid);
    }

    [GeneratedRegex("@xsi:type\\s*=\\s*[\"']([A-Za-z_]+)[\"']", RegexOptions.CultureInvariant)]
    private static partial Regex TypeFilter();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Simulated SmartServer {Jid} stopped")]
        public static partial void Stopped(ILogger logger, Jid jid);
    }
}
