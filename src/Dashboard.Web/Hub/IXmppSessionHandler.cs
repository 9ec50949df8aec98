using Dashboard.Xmpp;

namespace Dashboard.Web.Hub;

/// <summary>
/// A part of the dashboard that answers requests arriving on the hub's XMPP session. The hub calls
/// <see cref="Attach"/> once with its client, before connecting: add IQ handlers there and keep the
/// client for look-ups (the roster). Registered in DI; the hub takes every one.
/// </summary>
public interface IXmppSessionHandler
{
    void Attach(XmppClient client);
}
