namespace Dashboard.Xmpp.Sasl;

/// <summary>
/// The client side of one SASL mechanism for one authentication attempt (RFC 6120 §6, RFC 4422).
/// The XMPP layer carries the bytes base64-encoded in <c>&lt;auth/&gt;</c>, <c>&lt;response/&gt;</c>,
/// <c>&lt;challenge/&gt;</c> and <c>&lt;success/&gt;</c>.
/// </summary>
public interface ISaslMechanism
{
    /// <summary>The registered mechanism name, for example <c>SCRAM-SHA-256</c>.</summary>
    string Name { get; }

    /// <summary>The initial response sent with <c>&lt;auth/&gt;</c>, or null when the mechanism has none.</summary>
    byte[]? InitialResponse();

    /// <summary>Answers a server <c>&lt;challenge/&gt;</c>.</summary>
    /// <exception cref="SaslException">The challenge is malformed or fails a check.</exception>
    byte[] EvaluateChallenge(byte[] challenge);

    /// <summary>
    /// Checks the additional data of <c>&lt;success/&gt;</c> (empty when there is none). Mutually
    /// authenticating mechanisms verify the server's proof here.
    /// </summary>
    /// <exception cref="SaslException">The server's proof is missing or wrong.</exception>
    void VerifySuccess(byte[] additionalData);
}
