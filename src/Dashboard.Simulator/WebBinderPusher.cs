using System.Globalization;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.Extensions.Logging;

namespace Dashboard.Simulator;

/// <summary>
/// A simulated SmartServer's WebBinder: Web connections from every point to one WebBinder target (the
/// dashboard). Each update is sent as a SOAP 1.1 Write with a <c>messageProperties</c> header to the
/// target's online resource, one Write in flight at a time. While the target cannot be reached the
/// latest value of each point is cached, and dropped once older than the maximum age, as a SmartServer does.
/// </summary>
public sealed partial class WebBinderPusher
{
    private static readonly TimeSpan[] UtcOffsets = [TimeSpan.FromHours(-7), TimeSpan.FromHours(-5), TimeSpan.Zero, TimeSpan.FromHours(1)];
    private readonly WebBinderClient _webBinder;
    private readonly Jid _target;
    private readonly MessageProperties _identity;
    private readonly TimeSpan _utcOffset;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PointSnapshot> _unsent = new(StringComparer.Ordinal);
    private readonly CancellationToken _stopping;
    private Jid? _targetResource;
    private bool _sending;
    private long _writesSent;
    private long _writesFailed;

    internal WebBinderPusher(IIqRequester session, Jid device, Jid target, int seed, DateTimeOffset configuredAt, TimeProvider time,
        ILogger logger, CancellationToken stopping)
    {
        _webBinder = new WebBinderClient(new SoapClient(session, new SoapOptions { DefaultTimeout = TimeSpan.FromSeconds(10) }));
        _target = target.Bare;
        _random = new Random(seed);
        _utcOffset = UtcOffsets[Math.Abs(seed) % UtcOffsets.Length];
        _identity = new MessageProperties(
            UniqueId: device.Local?.ToUpperInvariant(),
            IpAddress: string.Create(CultureInfo.InvariantCulture, $"10.{(seed >> 8) & 0xff}.{seed & 0xff}.{10 + (Math.Abs(seed) % 240)}"),
            Port: 80,
            LastUpdate: configuredAt.ToOffset(_utcOffset));
        _time = time;
        _logger = logger;
        _stopping = stopping;
    }

    /// <summary>How long an undelivered value is kept for the target.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The target's online resource the Writes go to; null while it is offline.</summary>
    public Jid? Target
    {
        get
        {
            lock (_gate)
            {
                return _targetResource;
            }
        }
    }

    public long WritesSent => Interlocked.Read(ref _writesSent);

    public long WritesFailed => Interlocked.Read(ref _writesFailed);

    /// <summary>The last failure (a refused Write, no answer), for tests and the console.</summary>
    public string? LastError { get; private set; }

    /// <summary>The target's presence: Writes go to its online resource, and cached values once it is back.</summary>
    internal void OnPresence(XmppPresence presence)
    {
        if (presence.From.Bare != _target)
        {
            return;
        }

        lock (_gate)
        {
            var online = presence.Availability is not (PresenceAvailability.Unavailable or PresenceAvailability.Error);
            if (online)
            {
                _targetResource = presence.From;
            }
            else if (presence.From == _targetResource)
            {
                _targetResource = null;
            }
        }

        Send([]);
    }

    /// <summary>Points that updated: each binding sends its point's value.</summary>
    public void Send(IEnumerable<PointSnapshot> updated)
    {
        bool start;
        lock (_gate)
        {
            foreach (var point in updated)
            {
                _unsent[point.Name] = point;
            }

            start = !_sending && _targetResource is not null && _unsent.Count > 0;
            _sending |= start;
        }

        if (start)
        {
            _ = Task.Run(SendLoopAsync, CancellationToken.None);
        }
    }

    private async Task SendLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            PointSnapshot[] batch;
            Jid target;
            lock (_gate)
            {
                var tooOld = _time.GetUtcNow() - MaxAge;
                foreach (var expired in _unsent.Values.Where(p => p.LastUpdate < tooOld).Select(p => p.Name).ToArray())
                {
                    _unsent.Remove(expired);
                }

                if (_unsent.Count == 0 || _targetResource is null)
                {
                    _sending = false;
                    return;
                }

                batch = [.. _unsent.Values];
                _unsent.Clear();
                target = _targetResource;
            }

            try
            {
                var now = _time.GetUtcNow().ToOffset(_utcOffset);
                var result = await _webBinder.WriteAsync(target, batch.Select(p => ToDataPoint(p, _utcOffset)),
                    _identity with { TimeStamp = now, ProcessingTime = 1 + _random.Next(20) }, _stopping).ConfigureAwait(false);
                Interlocked.Increment(ref _writesSent);
                if (result.Faults.Count > 0)
                {
                    LastError = string.Join("; ", result.Faults.Select(f => $"{f.Key}: {f.Value}"));
                    Log.ItemsRefused(_logger, _target, LastError);
                }

            }
            catch (Exception e) when (e is SoapFault or StanzaErrorException or XmppTimeoutException or XmppDisconnectedException
                or SoapFormatException or SmartServerResponseException)
            {
                Interlocked.Increment(ref _writesFailed);
                LastError = e.Message;
                Log.WriteFailed(_logger, _target, e.Message);
                lock (_gate)
                {
                    // Kept for the next try, unless the point has updated meanwhile.
                    foreach (var point in batch)
                    {
                        _unsent.TryAdd(point.Name, point);
                    }

                    _sending = false;
                }

                return;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        lock (_gate)
        {
            _sending = false;
        }
    }

    /// <summary>The item a WebBinder sends: the whole value, the value definition, status, priority, in the device's local time.</summary>
    private static DataPoint ToDataPoint(PointSnapshot p, TimeSpan utcOffset) => new(p.Name, "Dp_Data", p.Annotation,
        [new DataPointValue(p.Value, p.LonFormat, null), .. p.ValueDefinition is null ? Array.Empty<DataPointValue>() : [new DataPointValue(p.ValueDefinition, "UCPTvalueDef", null)]],
        p.Status, p.Priority, p.LastUpdate.ToOffset(utcOffset), null);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "WebBinder Write to {Target} failed; values kept for the next try: {Reason}")]
        public static partial void WriteFailed(ILogger logger, Jid target, string reason);

        [LoggerMessage(2, LogLevel.Warning, "WebBinder target {Target} refused items: {Faults}")]
        public static partial void ItemsRefused(ILogger logger, Jid target, string faults);
    }
}
