namespace Dashboard.Xmpp.Xml;

/// <summary>Why a document from the network was refused.</summary>
public enum XmlSafetyReason
{
    Malformed,
    Dtd,
    TooLarge,
    Comment,
    ProcessingInstruction,
}

/// <summary>A document from the network was refused before any of it was used.</summary>
public sealed class XmlSafetyException(XmlSafetyReason reason, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public XmlSafetyReason Reason { get; } = reason;
}
