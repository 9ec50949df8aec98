using Dashboard.Xmpp;

namespace Dashboard.Web.Hub;

/// <summary>The hub's XMPP session as the UI and /healthz report it.</summary>
public sealed record HubConnectionState(
    bool Configured,
    XmppConnectionState State,
    string? BoundJid,
    string? SaslMechanism,
    DateTimeOffset? Since,
    string? LastError)
{
    public static HubConnectionState NotConfigured { get; } =
        new(false, XmppConnectionState.Disconnected, null, null, null, "No XMPP server is configured: an Admin sets one on the Settings page.");

    public bool IsConnected => State == XmppConnectionState.Connected;
}
