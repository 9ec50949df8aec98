using System.Threading.Channels;
using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>A way to carry one XMPP stream: BOSH, TCP, or later WebSocket.</summary>
public interface IXmppTransport : IAsyncDisposable
{
    /// <summary>True when the channel is encrypted (TLS): decides whether SASL PLAIN may be used.</summary>
    bool IsSecure { get; }

    /// <summary>Stanzas received, in order; completes when closed, with a typed exception when the session failed.</summary>
    ChannelReader<XElement> Incoming { get; }

    /// <summary>Raw traffic, for logs.</summary>
    event EventHandler<TransportTrafficEventArgs>? Traffic;

    /// <summary>Opens the stream to <paramref name="domain"/>; returns the first <c>&lt;stream:features/&gt;</c>.</summary>
    Task<XElement> OpenAsync(string domain, CancellationToken ct);

    /// <summary>Restarts the stream after SASL success; returns the new features.</summary>
    Task<XElement> RestartAsync(CancellationToken ct);

    /// <summary>Queues a stanza; never blocks on the network.</summary>
    void Send(XElement stanza);

    /// <summary>Closes the stream, sending <paramref name="finalStanza"/> with the close.</summary>
    Task CloseAsync(XElement? finalStanza, CancellationToken ct);
}
