using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>What an entity says it is and supports (XEP-0030 disco#info).</summary>
public sealed record DiscoInfo(IReadOnlyList<DiscoIdentity> Identities, IReadOnlySet<string> Features)
{
    public bool Supports(string feature) => Features.Contains(feature);

    public static DiscoInfo Parse(XElement? query)
    {
        if (query is null)
        {
            throw new XmppProtocolException("disco#info result without <query/>.");
        }

        var identities = query.Elements(XmppNamespaces.DiscoInfo + "identity")
            .Select(i => new DiscoIdentity((string?)i.Attribute("category") ?? "", (string?)i.Attribute("type") ?? "",
                (string?)i.Attribute("name")))
            .ToArray();
        var features = query.Elements(XmppNamespaces.DiscoInfo + "feature")
            .Select(f => (string?)f.Attribute("var"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return new DiscoInfo(identities, features);
    }

    public XElement ToQuery() => new(XmppNamespaces.DiscoInfo + "query",
        Identities.Select(i => new XElement(XmppNamespaces.DiscoInfo + "identity",
            new XAttribute("category", i.Category), new XAttribute("type", i.Type),
            i.Name is null ? null : new XAttribute("name", i.Name))),
        Features.Order(StringComparer.Ordinal).Select(f => new XElement(XmppNamespaces.DiscoInfo + "feature", new XAttribute("var", f))));
}
