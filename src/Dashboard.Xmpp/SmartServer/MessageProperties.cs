using System.Globalization;
using System.Xml.Linq;

namespace Dashboard.Xmpp.SmartServer;

/// <summary>
/// The <c>messageProperties</c> SOAP header a SmartServer puts on the Writes its WebBinder sends, and on
/// the answers to them: when the message was made, by which SmartServer (its MAC id, address and port),
/// the sender's last configuration update and how long it took to process.
/// </summary>
public sealed record MessageProperties(
    DateTimeOffset? TimeStamp = null,
    string? UniqueId = null,
    string? IpAddress = null,
    int? Port = null,
    DateTimeOffset? LastUpdate = null,
    int? ProcessingTime = null)
{
    private const int MaxTextLength = 64;

    public XElement ToXml()
    {
        var m = SmartServerMessages.Message;
        return new XElement(m + "messageProperties",
            TimeStamp is { } at ? new XElement(m + "UCPTtimeStamp", SmartServerMessages.FormatTime(at)) : null,
            UniqueId is null ? null : new XElement(m + "UCPTuniqueId", UniqueId),
            IpAddress is null ? null : new XElement(m + "UCPTipAddress", IpAddress),
            Port is { } port ? new XElement(m + "UCPTport", port.ToString(CultureInfo.InvariantCulture)) : null,
            LastUpdate is { } last ? new XElement(m + "UCPTlastUpdate", SmartServerMessages.FormatTime(last)) : null,
            ProcessingTime is { } ms ? new XElement(m + "UCPTprocessingTime", ms.ToString(CultureInfo.InvariantCulture)) : null);
    }

    /// <summary>
    /// Reads the header from an envelope's header blocks; null when there is none. The header only informs:
    /// a field that does not parse is left out rather than failing the message.
    /// </summary>
    public static MessageProperties? FromHeaders(IEnumerable<XElement> headers)
    {
        var header = headers.FirstOrDefault(h => h.Name == SmartServerMessages.Message + "messageProperties");
        if (header is null)
        {
            return null;
        }

        string? Text(string name) => header.Element(SmartServerMessages.Message + name)?.Value.Trim() is { Length: > 0 and <= MaxTextLength } text ? text : null;
        int? Number(string name) => int.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        DateTimeOffset? Time(string name) => SmartServerMessages.TryParseTime(Text(name), out var at) ? at : null;
        return new MessageProperties(Time("UCPTtimeStamp"), Text("UCPTuniqueId"), Text("UCPTipAddress"), Number("UCPTport"),
            Time("UCPTlastUpdate"), Number("UCPTprocessingTime"));
    }
}
