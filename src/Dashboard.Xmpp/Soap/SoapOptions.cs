namespace Dashboard.Xmpp.Soap;

/// <summary>Limits and defaults for SOAP exchanges.</summary>
public sealed record SoapOptions
{
    /// <summary>The largest envelope sent; a larger one is refused before it reaches the wire.</summary>
    public int MaxEnvelopeChars { get; init; } = 256 * 1024;

    /// <summary>How long a peer may take to answer when the caller names no timeout.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
