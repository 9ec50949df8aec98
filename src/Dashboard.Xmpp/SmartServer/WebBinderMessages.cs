using System.Globalization;
using System.Xml.Linq;
using Dashboard.Xmpp.Soap;

namespace Dashboard.Xmpp.SmartServer;

/// <summary>
/// The Write a SmartServer's WebBinder sends to a WebBinder target when a bound point updates, and the
/// target's WriteResponse (Programmer's Reference §4.4): both sides, so the dashboard can receive pushes
/// and a simulated SmartServer can send them. The request carries a <c>messageProperties</c> header; the
/// response lists each accepted item by name and a SmartServer-style fault on each refused one.
/// </summary>
public static class WebBinderMessages
{
    /// <summary>The most items one Write may carry; a larger one is refused whole.</summary>
    public const int MaxItems = 1000;

    private const int MaxStatusLength = 64;
    private const int MaxEchoedNameLength = 256;
    private static readonly XNamespace Message = SmartServerMessages.Message;

    /// <summary>A Write of the points' current values, with the header; SOAP 1.1 by default, as SmartServers send it.</summary>
    public static SoapEnvelope Write(IEnumerable<DataPoint> points, MessageProperties properties, SoapVersion version = SoapVersion.Soap11) =>
        new(version, [properties.ToXml()],
            new XElement(Message + "Write", new XAttribute(XNamespace.Xmlns + "xsi", SmartServerMessages.Xsi.NamespaceName),
                new XElement(Message + "iLonItem", new XElement(Message + "UCPTfaultCount", "0"), points.Select(SmartServerMessages.ToItem))));

    /// <summary>
    /// Reads a Write. What makes the whole message unusable (another operation, another namespace, no
    /// iLonItem, too many items, a header that must be understood and is not) is a <see cref="SoapFault"/>;
    /// a bad item becomes that item's fault and the others still count.
    /// </summary>
    public static WebBinderWrite ParseWrite(SoapEnvelope envelope)
    {
        var env = SoapNamespaces.Of(envelope.Version);
        foreach (var header in envelope.Headers)
        {
            var mustUnderstand = (string?)header.Attribute(env + "mustUnderstand");
            if (mustUnderstand is "1" or "true" && header.Name != Message + "messageProperties")
            {
                throw new SoapFault(SoapFaultCode.MustUnderstand, $"The header <{header.Name.LocalName}/> must be understood and is not.");
            }
        }

        var payload = envelope.Payload;
        if (payload.Name.LocalName != "Write")
        {
            throw new SoapFault(SoapFaultCode.Sender, $"This WebBinder target answers Write only, not {Shorten(payload.Name.LocalName)}.", "UnknownMessageCall");
        }

        if (payload.Name.Namespace != Message)
        {
            throw new SoapFault(SoapFaultCode.Sender, $"The Write's namespace '{Shorten(payload.Name.NamespaceName)}' is not the SmartServer message namespace.", "WrongNamespace");
        }

        var items = payload.Element(Message + "iLonItem")?.Elements(Message + "Item").ToArray()
            ?? throw new SoapFault(SoapFaultCode.Sender, "The Write has no iLonItem.", "TagMissing");
        if (items.Length > MaxItems)
        {
            throw new SoapFault(SoapFaultCode.Sender, $"The Write has {items.Length} items; at most {MaxItems} are taken in one message.", "TooManyItems");
        }

        return new WebBinderWrite(MessageProperties.FromHeaders(envelope.Headers), items.Select(ParseItem).ToArray());
    }

    /// <summary>The answer: every item by name, refused ones with their fault, and the header.</summary>
    public static SoapEnvelope WriteResponse(IReadOnlyCollection<WebBinderItem> items, MessageProperties properties, SoapVersion version) =>
        new(version, [properties.ToXml()],
            new XElement(Message + "WriteResponse", new XElement(Message + "iLonItem",
                new XElement(Message + "UCPTfaultCount", items.Count(i => i.Fault is not null).ToString(CultureInfo.InvariantCulture)),
                items.Select(i => new XElement(Message + "Item",
                    i.Fault is { } fault ? SmartServerMessages.Fault(fault.Code, fault.Text) : null,
                    i.Name is null ? null : new XElement(Message + "UCPTname", i.Name))))));

    /// <summary>
    /// Reads a WriteResponse: accepted names and per-item faults. An item the target could not name
    /// (the Write's item had no valid name) is keyed <c>#n</c>, its position.
    /// </summary>
    public static WriteResult ParseWriteResponse(XElement response)
    {
        if (response.Name != Message + "WriteResponse")
        {
            throw new SmartServerResponseException($"Expected a WriteResponse, got <{Shorten(response.Name.LocalName)}/>.");
        }

        var accepted = new List<string>();
        var faults = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in response.Element(Message + "iLonItem")?.Elements(Message + "Item") ?? [])
        {
            var name = item.Element(Message + "UCPTname")?.Value ?? $"#{index}";
            if (item.Element(Message + "fault") is { } fault)
            {
                faults[name] = fault.Element(Message + "faultstring")?.Value ?? fault.Value;
            }
            else
            {
                accepted.Add(name);
            }

            index++;
        }

        return new WriteResult(accepted, faults);
    }

    private static WebBinderItem ParseItem(XElement item)
    {
        var name = item.Element(Message + "UCPTname")?.Value;
        if (string.IsNullOrWhiteSpace(name))
        {
            return new WebBinderItem(null, null, new ItemFault(ItemFaultCode.NameMissing, "The item has no UCPTname."));
        }

        try
        {
            PointName.Validate(name);
        }
        catch (InvalidPointNameException e)
        {
            return new WebBinderItem(Shorten(name, MaxEchoedNameLength), null, new ItemFault(ItemFaultCode.NameInvalid, e.Message));
        }

        var refused = new WebBinderItem(name, null, null);
        var priority = item.Element(Message + "UCPTpriority")?.Value;
        if (priority is not null && !(int.TryParse(priority, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 255))
        {
            return refused.Refused(ItemFaultCode.FormatError, $"'{Shorten(priority)}' is not a priority 0..255.");
        }

        var lastUpdate = item.Element(Message + "UCPTlastUpdate")?.Value;
        if (lastUpdate is not null && !SmartServerMessages.TryParseTime(lastUpdate, out _))
        {
            return refused.Refused(ItemFaultCode.FormatError, $"'{Shorten(lastUpdate)}' is not a UCPTlastUpdate time stamp.");
        }

        if (item.Element(Message + "UCPTpointStatus")?.Value is { Length: > MaxStatusLength })
        {
            return refused.Refused(ItemFaultCode.FormatError, $"The UCPTpointStatus is longer than {MaxStatusLength} characters.");
        }

        var point = SmartServerMessages.ParseItem(item);
        if (point.Values.Count == 0)
        {
            return refused.Refused(ItemFaultCode.TagMissing, "The item has no UCPTvalue.");
        }

        foreach (var value in point.Values)
        {
            if (SnvtValue.Problem(value.LonFormat, value.Text) is { } problem)
            {
                return refused.Refused(ItemFaultCode.FormatError, problem);
            }
        }

        return new WebBinderItem(name, point, null);
    }

    private static string Shorten(string text, int length = 64) => text.Length <= length ? text : text[..length] + "…";
}
