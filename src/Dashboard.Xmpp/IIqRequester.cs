using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>Sends an IQ get/set and completes with the matching result stanza.</summary>
public interface IIqRequester
{
    Task<XElement> RequestAsync(XElement iq, TimeSpan timeout, CancellationToken cancellationToken);
}
