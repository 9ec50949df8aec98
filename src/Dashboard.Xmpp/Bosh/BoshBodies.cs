using System.Globalization;
using System.Security;
using System.Text;

namespace Dashboard.Xmpp.Bosh;

/// <summary>
/// Writes the &lt;body/&gt; wrappers as text, so the attributes servers match literally come out exactly:
/// <c>xmlns:xmpp='urn:xmpp:xbosh'</c> with that prefix (ejabberd looks for <c>xmpp:restart</c> by name).
/// </summary>
internal static class BoshBodies
{
    public const string HttpBind = "http://jabber.org/protocol/httpbind";
    private const string Namespaces = "xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'";

    /// <summary>The session creation request (XEP-0124 §7.1, XEP-0206 §5): always an empty body.</summary>
    public static string Create(long rid, string domain, BoshOptions options)
    {
        var route = options.Route is null ? "" : $" route='{Escape(options.Route)}'";
        return string.Create(CultureInfo.InvariantCulture,
            $"<body content='text/xml; charset=utf-8' hold='{options.Hold}' rid='{rid}' to='{Escape(domain)}'{route} ver='1.11' wait='{(int)options.Wait.TotalSeconds}' xml:lang='{Escape(options.Lang)}' xmpp:version='1.0' ack='1' {Namespaces}/>");
    }

    /// <summary>A request carrying zero or more serialized stanzas.</summary>
    public static string Payload(long rid, string sid, IReadOnlyList<string> stanzas)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"<body rid='{rid}' sid='{Escape(sid)}' xmlns='{HttpBind}'");
        if (stanzas.Count == 0)
        {
            return head + "/>";
        }

        var text = new StringBuilder(head.Length + 8 + stanzas.Sum(s => s.Length));
        text.Append(head).Append('>');
        foreach (var stanza in stanzas)
        {
            text.Append(stanza);
        }

        return text.Append("</body>").ToString();
    }

    /// <summary>The stream restart after SASL (XEP-0206 §5): empty, with <c>to</c> and <c>xml:lang</c>.</summary>
    public static string Restart(long rid, string sid, string domain, string lang) => string.Create(CultureInfo.InvariantCulture,
        $"<body rid='{rid}' sid='{Escape(sid)}' to='{Escape(domain)}' xml:lang='{Escape(lang)}' xmpp:restart='true' {Namespaces}/>");

    /// <summary>The session end (XEP-0124 §12), carrying a final stanza such as unavailable presence.</summary>
    public static string Terminate(long rid, string sid, string? stanza) => string.Create(CultureInfo.InvariantCulture,
        $"<body rid='{rid}' sid='{Escape(sid)}' type='terminate' xmlns='{HttpBind}'>{stanza}</body>");

    /// <summary>Asks the server to keep the session for a while without requests (XEP-0124 §10).</summary>
    public static string Pause(long rid, string sid, TimeSpan pause) => string.Create(CultureInfo.InvariantCulture,
        $"<body rid='{rid}' sid='{Escape(sid)}' pause='{(int)pause.TotalSeconds}' xmlns='{HttpBind}'/>");

    private static string Escape(string value) => SecurityElement.Escape(value) ?? "";
}
