using System.Xml.Linq;
using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hub.Push;

/// <summary>
/// The dashboard as a WebBinder target: answers the Writes SmartServers send over XMPP (XEP-0072, SOAP 1.1
/// or 1.2) when a bound point updates. Only a known device the dashboard is subscribed to may write; each
/// item is checked against the points the device listed, its value against the point's type and its time
/// stamp against the clock; accepted values go to the device's <see cref="PushCoalescer"/> queue and the
/// answer lists every item, refused ones with a SmartServer-style fault.
/// </summary>
public sealed partial class PushReceiver(
    IOptions<DashboardOptions> options,
    DeviceRegistry registry,
    PointCatalog catalog,
    PushCoalescer coalescer,
    StoreWriter store,
    TimeProvider time,
    ILoggerFactory loggers) : IXmppSessionHandler
{
    /// <summary>How an exchange is named on the Logs page: a Write that came in, not one the dashboard sent.</summary>
    public const string Operation = "WebBinder Write";

    private const int MaxLoggedChars = 16 * 1024;
    private readonly ILogger _logger = loggers.CreateLogger<PushReceiver>();
    private readonly RefusalLogLimit _refusals = new(time);
    private XmppClient? _client;
    private long _writes;
    private long _refusedWrites;
    private long _itemsAccepted;
    private long _itemsRefused;

    /// <summary>Writes answered with a WriteResponse.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Writes refused whole (untrusted sender, unusable message).</summary>
    public long RefusedWrites => Interlocked.Read(ref _refusedWrites);

    public long ItemsAccepted => Interlocked.Read(ref _itemsAccepted);

    public long ItemsRefused => Interlocked.Read(ref _itemsRefused);

    public void Attach(XmppClient client)
    {
        _client = client;
        client.AddIqHandler(new SoapRequestHandler(AnswerAsync, loggers.CreateLogger<SoapRequestHandler>()), SoapNamespaces.DiscoFeature);
    }

    /// <summary>Answers one SOAP request from the session; a thrown <see cref="SoapFault"/> becomes the XEP-0072 fault.</summary>
    internal async Task<SoapEnvelope> AnswerAsync(SoapRequestContext request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var device = request.From.Bare;
        try
        {
            Trust(device);
            var write = WebBinderMessages.ParseWrite(request.Envelope);
            var listed = catalog.Find(device)
                ?? await catalog.WaitAsync(device, options.Value.Push.DiscoveryWait, time, cancellationToken).ConfigureAwait(false)
                ?? throw new SoapFault(SoapFaultCode.Receiver, "The dashboard has not listed this SmartServer's points yet; send the Write again later.", "NotReady");
            var now = time.GetUtcNow();
            var items = write.Items.Select(i => Check(i, listed, now)).ToArray();
            var accepted = items.Where(i => i.IsAccepted).Select(i => i.Point!).ToArray();
            coalescer.Submit(device, accepted);
            Interlocked.Increment(ref _writes);
            Interlocked.Add(ref _itemsAccepted, accepted.Length);
            if (accepted.Length < items.Length)
            {
                Interlocked.Add(ref _itemsRefused, items.Length - accepted.Length);
                var first = items.First(i => !i.IsAccepted);
                Record(request, device, started, $"{items.Length - accepted.Length} of {items.Length} items refused, e.g. {first.Name}: {first.Fault!.Text}");
            }

            var properties = new MessageProperties(TimeStamp: now, ProcessingTime: (int)time.GetElapsedTime(started).TotalMilliseconds);
            return WebBinderMessages.WriteResponse(items, properties, request.Envelope.Version);
        }
        catch (SoapFault fault)
        {
            Interlocked.Increment(ref _refusedWrites);
            Record(request, device, started, fault.Reason);
            throw;
        }
    }

    /// <summary>Only a device the dashboard knows and sees (roster subscription to or both) may change values.</summary>
    private void Trust(Jid device)
    {
        if (!options.Value.Push.Enabled)
        {
            throw new SoapFault(SoapFaultCode.Receiver, "This dashboard does not take pushed values (Dashboard:Push:Enabled is off).", "Disabled");
        }

        if (registry.Find(device) is null)
        {
            throw new SoapFault(SoapFaultCode.Sender, $"{device} is not a device of this dashboard; its Write was not applied.", "NotAuthorized");
        }

        if (_client?.FindContact(device) is not { ReceivesPresence: true })
        {
            throw new SoapFault(SoapFaultCode.Sender, $"The dashboard is not subscribed to {device}'s presence; its Write was not applied.", "NotAuthorized");
        }
    }

    /// <summary>The checks that need the device's listing and the clock; the message's own checks ran in the parser.</summary>
    private WebBinderItem Check(WebBinderItem item, IReadOnlyDictionary<string, ListedPoint> listed, DateTimeOffset now)
    {
        if (!item.IsAccepted)
        {
            return item;
        }

        var point = item.Point!;
        if (!listed.TryGetValue(point.Name, out var known))
        {
            return item.Refused(ItemFaultCode.NameNotFound, $"The SmartServer never listed a point '{point.Name}'.");
        }

        if (point.Value is { LonFormat: null } value && SnvtValue.Problem(known.LonFormat, value.Text) is { } problem)
        {
            return item.Refused(ItemFaultCode.FormatError, problem);
        }

        var push = options.Value.Push;
        if (point.LastUpdate is { } at && at > now + push.MaxClockSkew)
        {
            return item.Refused(ItemFaultCode.ParameterError, $"UCPTlastUpdate {SmartServerMessages.FormatTime(at)} is in the future (more than {push.MaxClockSkew.TotalMinutes:0} min ahead of the dashboard's clock).");
        }

        if (point.LastUpdate is { } old && old < now - push.MaxAge)
        {
            return item.Refused(ItemFaultCode.ParameterError, $"UCPTlastUpdate {SmartServerMessages.FormatTime(old)} is older than the maximum age of {push.MaxAge.TotalHours:0} h.");
        }

        return item with { Point = WithListedFormat(point, known) };
    }

    /// <summary>A Write may leave out the unit and format the listing gave; keep them so the value shows as a polled one does.</summary>
    private static DataPoint WithListedFormat(DataPoint point, ListedPoint known)
    {
        var values = point.Values.ToArray();
        var whole = Array.FindIndex(values, v => !v.IsValueDefinition);
        if (whole < 0 || (values[whole].Unit is not null && values[whole].LonFormat is not null))
        {
            return point;
        }

        values[whole] = values[whole] with { Unit = values[whole].Unit ?? known.Unit, LonFormat = values[whole].LonFormat ?? known.LonFormat };
        return point with { Values = values };
    }

    /// <summary>A refused Write or item is a row on the Logs page and a log line, a limited number per sender and minute.</summary>
    private void Record(SoapRequestContext request, Jid device, long started, string reason)
    {
        if (!_refusals.Admit(device))
        {
            Log.RefusalSuppressed(_logger, device);
            return;
        }

        Log.Refused(_logger, device, reason);
        var text = request.Envelope.ToXml().ToString(SaveOptions.DisableFormatting);
        var duration = time.GetElapsedTime(started);
        store.Enqueue(new SoapExchange
        {
            CorrelationId = (string?)request.Iq.Attribute("id") is { Length: > 0 and <= 64 } id ? id : Guid.NewGuid().ToString("N"),
            Jid = device.ToString(),
            Operation = Operation,
            StartedAt = time.GetUtcNow() - duration,
            DurationMs = duration.TotalMilliseconds,
            Outcome = SoapOutcome.Fault,
            Request = text.Length <= MaxLoggedChars ? text : text[..MaxLoggedChars] + "…",
            Error = reason,
        });
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "WebBinder Write from {Jid} refused, in whole or in part: {Reason}")]
        public static partial void Refused(ILogger logger, Jid jid, string reason);

        [LoggerMessage(2, LogLevel.Debug, "Further refusals of {Jid}'s Writes this minute are not logged")]
        public static partial void RefusalSuppressed(ILogger logger, Jid jid);
    }
}
