using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>A received message stanza; <see cref="Stanza"/> keeps its extensions.</summary>
public sealed record XmppMessage(Jid From, string Type, string? Body, XElement Stanza);
