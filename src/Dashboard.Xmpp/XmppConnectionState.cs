namespace Dashboard.Xmpp;

/// <summary>Where an <see cref="XmppClient"/> is in its life; raised through <see cref="XmppClient.StateChanged"/>.</summary>
public enum XmppConnectionState
{
    Disconnected,
    Connecting,
    Authenticating,
    Binding,
    Connected,
    Reconnecting,

    /// <summary>Stopped for a reason a retry cannot mend (bad credentials, resource conflict, policy).</summary>
    Failed,
}

/// <summary>A state change, with the error that caused it when there was one.</summary>
public sealed class XmppConnectionStateChangedEventArgs(XmppConnectionState state, Exception? error) : EventArgs
{
    public XmppConnectionState State { get; } = state;

    public Exception? Error { get; } = error;
}
