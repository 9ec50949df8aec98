namespace Dashboard.Xmpp;

/// <summary>One unit of raw traffic (a BOSH body, or a TCP write/stanza), for logs and debugging.</summary>
public sealed class TransportTrafficEventArgs(bool outgoing, string text, long? rid = null, string? sid = null) : EventArgs
{
    public bool Outgoing { get; } = outgoing;

    public string Text { get; } = text;

    public long? Rid { get; } = rid;

    public string? Sid { get; } = sid;

    public static TransportTrafficEventArgs Sent(string text) => new(true, text);

    public static TransportTrafficEventArgs Received(string text) => new(false, text);
}
