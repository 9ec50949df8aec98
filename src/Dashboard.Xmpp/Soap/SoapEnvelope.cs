using System.Xml.Linq;

namespace Dashboard.Xmpp.Soap;

/// <summary>A SOAP envelope: its version, header blocks and the one payload element of its body.</summary>
public sealed record SoapEnvelope(SoapVersion Version, IReadOnlyList<XElement> Headers, XElement Payload)
{
    public SoapEnvelope(XElement payload, SoapVersion version = SoapVersion.Soap12)
        : this(version, [], payload)
    {
    }

    /// <summary>The payload's local name, e.g. Read or ReadResponse: what the exchange is about.</summary>
    public string Operation => Payload.Name.LocalName;

    /// <summary>The envelope with every SOAP element explicitly prefixed (XEP-0072 §3).</summary>
    public XElement ToXml()
    {
        var env = SoapNamespaces.Of(Version);
        return new XElement(env + "Envelope",
            new XAttribute(XNamespace.Xmlns + "env", env.NamespaceName),
            Headers.Count == 0 ? null : new XElement(env + "Header", Headers.Select(h => new XElement(h))),
            new XElement(env + "Body", new XElement(Payload)));
    }

    /// <summary>Reads an envelope, SOAP 1.2 or 1.1, prefixed or default-namespaced.</summary>
    public static SoapEnvelope Parse(XElement? envelope)
    {
        if (envelope is null || envelope.Name.LocalName != "Envelope")
        {
            throw new SoapFormatException(SoapFormatReason.NoEnvelope, "The payload is not a SOAP Envelope.");
        }

        SoapVersion version;
        if (envelope.Name.Namespace == SoapNamespaces.Soap12)
        {
            version = SoapVersion.Soap12;
        }
        else if (envelope.Name.Namespace == SoapNamespaces.Soap11)
        {
            version = SoapVersion.Soap11;
        }
        else
        {
            throw new SoapFormatException(SoapFormatReason.WrongNamespace,
                $"The Envelope's namespace '{Truncate(envelope.Name.NamespaceName)}' is neither SOAP 1.2 nor SOAP 1.1.");
        }

        var env = SoapNamespaces.Of(version);
        var body = envelope.Element(env + "Body")
            ?? throw new SoapFormatException(SoapFormatReason.MissingBody, "The Envelope has no Body.");
        var children = body.Elements().Take(2).ToArray();
        if (children.Length == 0)
        {
            throw new SoapFormatException(SoapFormatReason.EmptyBody, "The Body is empty.");
        }

        if (children.Length > 1)
        {
            throw new SoapFormatException(SoapFormatReason.BodyWithSeveralChildren, "The Body has more than one child element.");
        }

        var headers = envelope.Element(env + "Header")?.Elements().ToArray() ?? [];
        return new SoapEnvelope(version, headers, children[0]);
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
