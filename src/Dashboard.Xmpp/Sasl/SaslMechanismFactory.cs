namespace Dashboard.Xmpp.Sasl;

/// <summary>Creates a mechanism instance for one authentication attempt.</summary>
public static class SaslMechanismFactory
{
    /// <summary>
    /// Creates <paramref name="mechanism"/> for <paramref name="account"/>, authenticating as its localpart
    /// (the XMPP convention: the authcid is the localpart, the domain is implied by the stream).
    /// </summary>
    /// <exception cref="ArgumentException">The account has no localpart or the mechanism is not supported.</exception>
    /// <exception cref="SaslException">The user name or password fails SASLprep.</exception>
    public static ISaslMechanism Create(string mechanism, Jid account, string password)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Local is null)
        {
            throw new ArgumentException("The account JID has no localpart to authenticate as.", nameof(account));
        }

        return Create(mechanism, account.Local, password);
    }

    /// <summary>Creates <paramref name="mechanism"/> for <paramref name="userName"/>.</summary>
    /// <exception cref="ArgumentException">The mechanism is not supported.</exception>
    /// <exception cref="SaslException">The user name or password fails SASLprep.</exception>
    public static ISaslMechanism Create(string mechanism, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        return mechanism switch
        {
            SaslMechanismNames.ScramSha512 => new ScramMechanism(ScramAlgorithm.Sha512, userName, password),
            SaslMechanismNames.ScramSha256 => new ScramMechanism(ScramAlgorithm.Sha256, userName, password),
            SaslMechanismNames.ScramSha1 => new ScramMechanism(ScramAlgorithm.Sha1, userName, password),
            SaslMechanismNames.Plain => new PlainMechanism(userName, password),
            _ => throw new ArgumentException($"'{mechanism}' is not a supported SASL mechanism.", nameof(mechanism)),
        };
    }
}
