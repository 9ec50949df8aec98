using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>Reads a <c>&lt;stream:error/&gt;</c> into a typed exception.</summary>
internal static class StreamErrors
{
    public static XmppStreamErrorException Parse(XElement error)
    {
        var condition = error.Elements().FirstOrDefault(e => e.Name.Namespace == XmppNamespaces.StreamErrors && e.Name.LocalName != "text")
            ?.Name.LocalName ?? "undefined-condition";
        return new XmppStreamErrorException(condition, (string?)error.Element(XmppNamespaces.StreamErrors + "text"));
    }
}
