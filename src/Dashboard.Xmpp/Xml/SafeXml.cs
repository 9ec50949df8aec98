using System.Xml;
using System.Xml.Linq;

namespace Dashboard.Xmpp.Xml;

/// <summary>
/// The one way to parse XML that came from the network: DTDs prohibited (no billion laughs, no XXE), no
/// resolver, a cap on characters, comments and processing instructions refused (RFC 6120 §11.1).
/// XElement.Parse would expand entities; nothing here ever does.
/// </summary>
public static class SafeXml
{
    /// <summary>The default cap: 1 Mi characters per document.</summary>
    public const int DefaultMaxCharacters = 1 << 20;

    public static XElement Parse(string text, int maxCharacters = DefaultMaxCharacters)
    {
        if (text.Length > maxCharacters)
        {
            throw new XmlSafetyException(XmlSafetyReason.TooLarge, $"The document has {text.Length} characters; the cap is {maxCharacters}.");
        }

        using var reader = XmlReader.Create(new StringReader(text), Settings(maxCharacters));
        return Load(reader);
    }

    public static XElement Parse(ReadOnlyMemory<byte> utf8, int maxCharacters = DefaultMaxCharacters)
    {
        using var stream = new MemoryStream(utf8.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, Settings(maxCharacters));
        return Load(reader);
    }

    /// <summary>Reader settings for any XML from the network.</summary>
    public static XmlReaderSettings Settings(int maxCharacters = DefaultMaxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = maxCharacters,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        CloseInput = true,
    };

    private static XElement Load(XmlReader reader)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new XmlSafetyException(XmlSafetyReason.Dtd, "The document has a DTD; DTDs are refused.", e);
        }
        catch (XmlException e) when (e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            throw new XmlSafetyException(XmlSafetyReason.TooLarge, "The document exceeds the character cap.", e);
        }
        catch (XmlException e)
        {
            throw new XmlSafetyException(XmlSafetyReason.Malformed, "The document is not well-formed XML: " + e.Message, e);
        }

        foreach (var node in document.DescendantNodes())
        {
            switch (node)
            {
                case XComment:
                    throw new XmlSafetyException(XmlSafetyReason.Comment, "The document carries a comment; comments are refused.");
                case XProcessingInstruction:
                    throw new XmlSafetyException(XmlSafetyReason.ProcessingInstruction, "The document carries a processing instruction; they are refused.");
                case XDocumentType:
                    throw new XmlSafetyException(XmlSafetyReason.Dtd, "The document has a DTD; DTDs are refused.");
            }
        }

        return document.Root ?? throw new XmlSafetyException(XmlSafetyReason.Malformed, "The document has no root element.");
    }
}
