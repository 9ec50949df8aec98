namespace Dashboard.Xmpp.Sasl;

/// <summary>Chooses the mechanism to authenticate with from those the server offers.</summary>
public static class SaslMechanismSelector
{
    private const int MaxListedMechanisms = 16;
    private const int MaxNameLength = 40;

    /// <summary>
    /// The policy's most preferred mechanism among <paramref name="offered"/>. PLAIN is chosen only when
    /// <paramref name="isSecureChannel"/> is true or the policy allows it explicitly; it is never a silent
    /// fallback, so a server offering only SCRAM-SHA-1 over plain HTTP gets SCRAM-SHA-1.
    /// </summary>
    /// <param name="offered">Mechanism names from the server's <c>&lt;mechanisms/&gt;</c> feature.</param>
    /// <param name="policy">Preference order and PLAIN permission.</param>
    /// <param name="isSecureChannel">True when the transport is encrypted (TLS, https).</param>
    /// <exception cref="SaslException">
    /// <see cref="SaslFailureReason.MechanismNotAllowed"/> when only PLAIN matches but the channel is insecure;
    /// <see cref="SaslFailureReason.NoCommonMechanism"/> when nothing matches.
    /// </exception>
    public static string Select(IEnumerable<string> offered, SaslPolicy policy, bool isSecureChannel)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(policy);

        var offeredNames = offered.Select(name => name.Trim()).Where(name => name.Length > 0).ToList();
        var plainRefused = false;
        foreach (var candidate in policy.PreferredMechanisms)
        {
            if (!offeredNames.Contains(candidate, StringComparer.Ordinal))
            {
                continue;
            }

            if (candidate == SaslMechanismNames.Plain && !isSecureChannel && !policy.AllowPlainOverInsecureTransport)
            {
                plainRefused = true;
                continue;
            }

            return candidate;
        }

        var listed = Describe(offeredNames);
        if (plainRefused)
        {
            throw new SaslException(
                SaslFailureReason.MechanismNotAllowed,
                $"The server offers [{listed}]; the only acceptable one, PLAIN, would send the password unencrypted " +
                "over an insecure channel. Use TLS, or allow PLAIN over insecure transport in the SASL policy.");
        }

        throw new SaslException(
            SaslFailureReason.NoCommonMechanism,
            $"The server offers [{listed}]; none is in the preference list [{string.Join(", ", policy.PreferredMechanisms)}].");
    }

    // The names come from the server: list a bounded number, each bounded and printable.
    private static string Describe(List<string> names)
    {
        var shown = names.Take(MaxListedMechanisms)
            .Select(name => new string(name.Take(MaxNameLength).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray()));
        var text = string.Join(", ", shown);
        return names.Count > MaxListedMechanisms ? text + ", …" : text;
    }
}
