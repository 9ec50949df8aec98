using System.Globalization;
using System.Xml.Linq;

namespace Dashboard.Xmpp.SmartServer;

/// <summary>
/// The i.LON SmartServer data-server messages (Programmer's Reference): request bodies and their parsers
/// for both sides, so the dashboard can ask and a simulated SmartServer can answer in the same shapes.
/// Per-item failures travel inside the response: <c>UCPTfaultCount</c> and a <c>fault</c> on the item with
/// the SmartServer's error code (§2.5.3.1: <c>&lt;faultcode faultType="_error"&gt;6&lt;/faultcode&gt;</c>).
/// </summary>
public static class SmartServerMessages
{
    public static readonly XNamespace Message = "http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>List: which items exist, optionally filtered by an xSelect XPath (e.g. <c>//Item[@xsi:type="Dp_Cfg"]</c>).</summary>
    public static XElement List(string? xSelect = null) =>
        new(Message + "List", new XElement(Message + "iLonItem", xSelect is null ? null : new XElement(Message + "xSelect", xSelect)));

    public static XElement Read(IEnumerable<string> names) => ByName("Read", names);

    public static XElement Get(IEnumerable<string> names) => ByName("Get", names);

    public static XElement Delete(IEnumerable<string> names) => ByName("Delete", names);

    /// <summary>Invoke's priority reset: releases each point to priority 255.</summary>
    public static XElement InvokeResetPriority(IEnumerable<string> names) =>
        new(Message + "Invoke", new XElement(Message + "iLonItem",
            names.Select(n => new XElement(Message + "Item", new XElement(Message + "UCPTname", PointName.Validate(n)),
                new XElement(Message + "UCPTmethod", "MET_RESET_PRIORITY")))));

    public static XElement Write(IEnumerable<PointWrite> writes) =>
        new(Message + "Write", new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName), new XElement(Message + "iLonItem",
            writes.Select(w => w.Validated()).Select(w => new XElement(Message + "Item", new XAttribute(Xsi + "type", "Dp_Data"),
                new XElement(Message + "UCPTname", w.Name),
                w.Value is null ? null : new XElement(Message + "UCPTvalue", w.Value),
                w.ValueDefinition is null ? null : new XElement(Message + "UCPTvalue", new XAttribute("LonFormat", "UCPTvalueDef"), w.ValueDefinition),
                new XElement(Message + "UCPTpriority", w.Priority.ToString(CultureInfo.InvariantCulture))))));

    /// <summary>Reads the items of a List/Read/Get/Write/Invoke response; checks it answers <paramref name="operation"/>.</summary>
    public static IReadOnlyList<DataPoint> ParseItems(XElement response, string operation)
    {
        if (response.Name != Message + operation + "Response")
        {
            throw new SmartServerResponseException($"Expected a {operation}Response, got <{response.Name.LocalName}/>.");
        }

        return (response.Element(Message + "iLonItem")?.Elements(Message + "Item") ?? []).Select(ParseItem).ToArray();
    }

    public static DataPoint ParseItem(XElement item)
    {
        var name = PointName.Validate(item.Element(Message + "UCPTname")?.Value);
        var values = item.Elements(Message + "UCPTvalue")
            .Select(v => new DataPointValue(v.Value, (string?)v.Attribute("LonFormat"), (string?)v.Attribute("Unit")))
            .ToArray();
        int? priority = int.TryParse(item.Element(Message + "UCPTpriority")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            && p is >= 0 and <= 255 ? p : null;
        DateTimeOffset? lastUpdate = TryParseTime(item.Element(Message + "UCPTlastUpdate")?.Value, out var at) ? at : null;
        var fault = item.Element(Message + "fault");
        var faultText = fault is null ? null : fault.Element(Message + "faultstring")?.Value ?? fault.Element(Message + "faultcode")?.Value ?? fault.Value;
        ItemFaultCode? faultCode = int.TryParse(fault?.Element(Message + "faultcode")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? (ItemFaultCode)code : null;
        return new DataPoint(name, (string?)item.Attribute(Xsi + "type"), item.Element(Message + "UCPTannotation")?.Value, values,
            item.Element(Message + "UCPTpointStatus")?.Value, priority, lastUpdate, faultText, faultCode);
    }

    /// <summary>A SmartServer time stamp: ISO 8601 with its offset (a time without one is taken as UTC).</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    /// <summary>The SmartServer's time format: milliseconds and the offset, <c>2008-04-08T11:14:53.599-07:00</c>.</summary>
    public static string FormatTime(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>An item's fault in the SmartServer's shape: an error code with <c>faultType="_error"</c> and its text.</summary>
    public static XElement Fault(ItemFaultCode code, string text) =>
        new(Message + "fault",
            new XElement(Message + "faultcode", new XAttribute("faultType", "_error"), ((int)code).ToString(CultureInfo.InvariantCulture)),
            new XElement(Message + "faultstring", new XAttribute(XNamespace.Xml + "lang", "en-US"), text));

    /// <summary>Server side: the point names a Read/Get/Delete/Invoke request asks for.</summary>
    public static IReadOnlyList<string> ParseNames(XElement request) =>
        (request.Element(Message + "iLonItem")?.Elements(Message + "Item") ?? [])
            .Select(i => PointName.Validate(i.Element(Message + "UCPTname")?.Value)).ToArray();

    /// <summary>Server side: the writes a Write request asks for; a bad priority or missing value is a format error.</summary>
    public static IReadOnlyList<PointWrite> ParseWrites(XElement request) =>
        (request.Element(Message + "iLonItem")?.Elements(Message + "Item") ?? []).Select(item =>
        {
            var values = item.Elements(Message + "UCPTvalue").ToArray();
            var priorityText = item.Element(Message + "UCPTpriority")?.Value;
            var priority = priorityText is null ? 255
                : int.TryParse(priorityText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 255 ? p
                : throw new FormatException($"'{priorityText}' is not a priority 0..255.");
            return new PointWrite(PointName.Validate(item.Element(Message + "UCPTname")?.Value),
                values.FirstOrDefault(v => (string?)v.Attribute("LonFormat") != "UCPTvalueDef")?.Value,
                values.FirstOrDefault(v => (string?)v.Attribute("LonFormat") == "UCPTvalueDef")?.Value,
                priority);
        }).ToArray();

    /// <summary>Server side: a List/Read/Get response with the items, faulted ones carrying their fault.</summary>
    public static XElement Response(string operation, IReadOnlyCollection<DataPoint> items) =>
        new(Message + operation + "Response", new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
            new XElement(Message + "iLonItem",
                new XElement(Message + "UCPTfaultCount", items.Count(i => i.IsFaulted).ToString(CultureInfo.InvariantCulture)),
                items.Select(ToItem)));

    public static XElement ToItem(DataPoint point) => new(Message + "Item",
        point.ItemType is null ? null : new XAttribute(Xsi + "type", point.ItemType),
        point.Fault is null ? null : Fault(point.FaultCode ?? ItemFaultCode.CommandFailed, point.Fault),
        new XElement(Message + "UCPTname", point.Name),
        point.Annotation is null ? null : new XElement(Message + "UCPTannotation", point.Annotation),
        point.LastUpdate is { } at ? new XElement(Message + "UCPTlastUpdate", FormatTime(at)) : null,
        point.Values.Select(v => new XElement(Message + "UCPTvalue",
            v.LonFormat is null ? null : new XAttribute("LonFormat", v.LonFormat), v.Unit is null ? null : new XAttribute("Unit", v.Unit), v.Text)),
        point.Status is null ? null : new XElement(Message + "UCPTpointStatus", new XAttribute("LonFormat", "UCPTpointStatus"), point.Status),
        point.Priority is { } priority ? new XElement(Message + "UCPTpriority", priority.ToString(CultureInfo.InvariantCulture)) : null);

    private static XElement ByName(string operation, IEnumerable<string> names) =>
        new(Message + operation, new XElement(Message + "iLonItem",
            names.Select(n => new XElement(Message + "Item", new XElement(Message + "UCPTname", PointName.Validate(n))))));
}
