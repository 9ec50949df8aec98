using Dashboard.Web.Configuration;
using Dashboard.Xmpp;

namespace Dashboard.Web.Hub;

/// <summary>Creates the transport for each (re)connection of the hub's session.</summary>
public delegate IXmppTransport XmppTransportFactory(XmppSettings settings);
