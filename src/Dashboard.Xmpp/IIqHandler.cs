using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>Answers incoming IQ get/set requests the client routes to it by payload.</summary>
public interface IIqHandler
{
    bool CanHandle(XElement iq);

    Task<XElement> HandleAsync(XElement iq, CancellationToken cancellationToken);
}
