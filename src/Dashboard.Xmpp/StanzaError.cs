using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>An RFC 6120 §8.3 stanza error.</summary>
public sealed record StanzaError(string Type, string Condition, string? Text, int? LegacyCode, XElement? Extra)
{
    public static StanzaError Parse(XElement error) => new(
        (string?)error.Attribute("type") ?? "cancel",
        error.Elements().FirstOrDefault(e => e.Name.Namespace == XmppNamespaces.StanzaErrors && e.Name.LocalName != "text")?.Name.LocalName ?? "undefined-condition",
        (string?)error.Element(XmppNamespaces.StanzaErrors + "text"),
        (int?)error.Attribute("code"),
        error.Elements().FirstOrDefault(e => e.Name.Namespace != XmppNamespaces.StanzaErrors));

    public XElement ToXml() => new(XmppNamespaces.Client + "error", new XAttribute("type", Type),
        LegacyCode is null ? null : new XAttribute("code", LegacyCode),
        new XElement(XmppNamespaces.StanzaErrors + Condition),
        Text is null ? null : new XElement(XmppNamespaces.StanzaErrors + "text", Text), Extra);
}
