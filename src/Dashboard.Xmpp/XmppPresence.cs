using System.Globalization;
using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>What a presence stanza says about its sender (RFC 6121 §4).</summary>
public enum PresenceAvailability
{
    Available,
    Away,
    Chat,
    DoNotDisturb,
    ExtendedAway,
    Unavailable,

    /// <summary>A presence of type <c>error</c>: the server could not deliver to or probe the contact.</summary>
    Error,
}

/// <summary>A received presence of availability (subscription requests are raised separately).</summary>
public sealed record XmppPresence(Jid From, PresenceAvailability Availability, string? Status, int Priority)
{
    /// <summary>
    /// Reads an availability presence. Returns null for subscription-management types, which are not
    /// availability; throws <see cref="JidFormatException"/> for an invalid <c>from</c>.
    /// </summary>
    public static XmppPresence? Parse(XElement stanza, Jid defaultFrom)
    {
        var type = (string?)stanza.Attribute("type");
        var availability = type switch
        {
            null => ShowToAvailability((string?)stanza.Element(XmppNamespaces.Client + "show")),
            "unavailable" => PresenceAvailability.Unavailable,
            "error" => PresenceAvailability.Error,
            _ => (PresenceAvailability?)null,
        };
        if (availability is null)
        {
            return null;
        }

        var from = (string?)stanza.Attribute("from") is { } text ? Jid.Parse(text) : defaultFrom;
        var status = (string?)stanza.Element(XmppNamespaces.Client + "status");
        var priority = int.TryParse((string?)stanza.Element(XmppNamespaces.Client + "priority"),
            NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, -128, 127) : 0;
        return new XmppPresence(from, availability.Value, status, priority);
    }

    private static PresenceAvailability ShowToAvailability(string? show) => show switch
    {
        "away" => PresenceAvailability.Away,
        "chat" => PresenceAvailability.Chat,
        "dnd" => PresenceAvailability.DoNotDisturb,
        "xa" => PresenceAvailability.ExtendedAway,
        _ => PresenceAvailability.Available,
    };
}
