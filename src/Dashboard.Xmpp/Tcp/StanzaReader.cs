using System.Xml;
using System.Xml.Linq;

namespace Dashboard.Xmpp.Tcp;

/// <summary>Builds one element from a reader positioned on its start tag, leaving the reader on its end tag.</summary>
internal static class StanzaReader
{
    public static async Task<XElement> ReadElementAsync(XmlReader reader, Func<long> bytesRead, long maxBytes)
    {
        var root = StartElement(reader);
        if (reader.IsEmptyElement)
        {
            return root;
        }

        var open = new Stack<XElement>();
        open.Push(root);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            if (bytesRead() > maxBytes)
            {
                throw new TcpTransportException($"A stanza exceeded {maxBytes} bytes.", isRecoverable: false);
            }

            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var child = StartElement(reader);
                    open.Peek().Add(child);
                    if (!reader.IsEmptyElement)
                    {
                        open.Push(child);
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    open.Peek().Add(new XText(reader.Value));
                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    if (open.Count == 0)
                    {
                        return root;
                    }

                    break;
                default:
                    throw new TcpTransportException($"A stanza carried a forbidden {reader.NodeType} (RFC 6120 §11.1).", isRecoverable: false);
            }
        }

        throw new TcpTransportException("The stream ended inside a stanza.", isRecoverable: true);
    }

    private static XElement StartElement(XmlReader reader)
    {
        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                {
                    element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                }
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        return element;
    }
}
