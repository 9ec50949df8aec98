namespace Dashboard.Xmpp.SmartServer;

/// <summary>
/// The error codes SmartServer applications put in an item's <c>fault</c> (Programmer's Reference §2.5.3.3),
/// so a peer reading our answers sees the codes it knows.
/// </summary>
public enum ItemFaultCode
{
    ParameterError = 2,
    XmlParserError = 3,
    TagMissing = 4,
    NameMissing = 5,
    NameNotFound = 6,
    NameInvalid = 7,
    CannotSet = 10,
    FormatError = 11,
    CommandFailed = 12,
    PointNameNotFound = 14,
}

/// <summary>Why one item of a request was refused: the SmartServer's code and a sentence for people.</summary>
public sealed record ItemFault(ItemFaultCode Code, string Text);
