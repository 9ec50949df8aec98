namespace Dashboard.Xmpp;

/// <summary>
/// A transport lost or refused its session. <see cref="IsRecoverable"/> tells the client whether logging
/// in again may help (server restart, network loss) or not (bad request, unknown host, policy).
/// </summary>
public abstract class XmppTransportException : Exception
{
    protected XmppTransportException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public abstract bool IsRecoverable { get; }
}
