using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>A peer answered with a stanza error.</summary>
public class StanzaErrorException(StanzaError error, XElement stanza)
    : Exception($"Stanza error: {error.Condition}{(error.Text is null ? "" : $" ({error.Text})")}")
{
    public StanzaError Error { get; } = error;

    public XElement Stanza { get; } = stanza;
}
