using System.Xml.Linq;

namespace Dashboard.Xmpp.Bosh;

/// <summary>
/// Stanzas inside a BOSH body may inherit the httpbind namespace (XEP-0206 §4): treat message, presence and
/// iq there as jabber:client, with their descendants of the same namespace.
/// </summary>
internal static class StanzaNamespaces
{
    private static readonly XNamespace HttpBind = BoshBodies.HttpBind;

    public static XElement ToClientNamespace(XElement element)
    {
        if ((element.Name.Namespace == HttpBind || element.Name.Namespace == XNamespace.None)
            && element.Name.LocalName is "message" or "presence" or "iq")
        {
            var from = element.Name.Namespace;
            foreach (var node in element.DescendantsAndSelf().Where(e => e.Name.Namespace == from).ToArray())
            {
                node.Name = XmppNamespaces.Client + node.Name.LocalName;
            }
        }

        return element;
    }
}
