namespace Dashboard.Xmpp.Tcp;

/// <summary>Where and how a <see cref="TcpTransport"/> connects (RFC 6120 client-to-server on TCP).</summary>
public sealed record TcpTransportOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 5222;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest stanza accepted from the server; a larger one ends the session with an error.</summary>
    public int MaxStanzaBytes { get; init; } = 1 << 20;

    public string Lang { get; init; } = "en";
}
