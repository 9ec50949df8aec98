using System.Text;

namespace Dashboard.Xmpp.Sasl;

/// <summary>
/// The client side of PLAIN (RFC 4616): <c>authzid NUL authcid NUL password</c> in one message. The
/// password crosses the wire as is, so use it only inside TLS (see <see cref="SaslMechanismSelector"/>).
/// </summary>
public sealed class PlainMechanism : ISaslMechanism
{
    private byte[]? _message;

    /// <summary>Creates the mechanism; the user name and password are SASLprep'd, the authzid left empty.</summary>
    /// <exception cref="SaslException">The user name or password fails SASLprep.</exception>
    public PlainMechanism(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);

        // An empty authzid: the server derives the identity from the authcid, as XMPP clients expect.
        // SASLprep forbids NUL, so neither part can break the message's framing.
        var user = SaslPrep.Prepare(userName, "user name");
        var secret = SaslPrep.Prepare(password, "password");
        _message = Encoding.UTF8.GetBytes("\0" + user + "\0" + secret);
    }

    /// <inheritdoc/>
    public string Name => SaslMechanismNames.Plain;

    /// <summary>The whole PLAIN message; it can be taken only once.</summary>
    public byte[]? InitialResponse()
    {
        var message = _message ?? throw new InvalidOperationException("The PLAIN message has already been sent.");
        _message = null;
        return message;
    }

    /// <summary>PLAIN has no challenges: any challenge is a protocol error.</summary>
    /// <exception cref="SaslException">Always, with <see cref="SaslFailureReason.MalformedChallenge"/>.</exception>
    public byte[] EvaluateChallenge(byte[] challenge) =>
        throw new SaslException(SaslFailureReason.MalformedChallenge, "The server sent a challenge, which PLAIN does not have.");

    /// <summary>PLAIN cannot verify the server; any additional data is ignored.</summary>
    public void VerifySuccess(byte[] additionalData) => ArgumentNullException.ThrowIfNull(additionalData);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
