namespace Dashboard.Xmpp.Tcp;

/// <summary>The TCP stream failed: connection refused or lost, malformed XML, or a stanza over the size cap.</summary>
public sealed class TcpTransportException : XmppTransportException
{
    public TcpTransportException(string message, bool isRecoverable, Exception? innerException = null)
        : base(message, innerException) => IsRecoverable = isRecoverable;

    public override bool IsRecoverable { get; }
}
