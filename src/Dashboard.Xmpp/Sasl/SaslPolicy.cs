namespace Dashboard.Xmpp.Sasl;

/// <summary>Which SASL mechanisms the client may use, in order of preference.</summary>
public sealed record SaslPolicy
{
    /// <summary>SCRAM-SHA-512 &gt; SCRAM-SHA-256 &gt; SCRAM-SHA-1 &gt; PLAIN, PLAIN only over a secure channel.</summary>
    public static SaslPolicy Default { get; } = new();

    /// <summary>
    /// Mechanism names, most preferred first; each must be one of <see cref="SaslMechanismNames.All"/>.
    /// Leaving a name out forbids it.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty or names an unsupported mechanism.</exception>
    public IReadOnlyList<string> PreferredMechanisms
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
            {
                throw new ArgumentException("The preference list must name at least one mechanism.", nameof(value));
            }

            var unsupported = value.FirstOrDefault(name => !SaslMechanismNames.IsSupported(name));
            if (unsupported is not null)
            {
                throw new ArgumentException($"'{unsupported}' is not a supported SASL mechanism.", nameof(value));
            }

            field = [.. value];
        }
    } = SaslMechanismNames.All;

    /// <summary>
    /// Allows PLAIN over a channel that is not encrypted (plain-HTTP BOSH), which hands the password to
    /// anyone on the path. Off by default; meant for test rigs only.
    /// </summary>
    public bool AllowPlainOverInsecureTransport { get; init; }
}
