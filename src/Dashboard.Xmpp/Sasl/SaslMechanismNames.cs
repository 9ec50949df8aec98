namespace Dashboard.Xmpp.Sasl;

/// <summary>Names of the SASL mechanisms the client implements.</summary>
public static class SaslMechanismNames
{
    /// <summary>SCRAM with SHA-512 (no channel binding).</summary>
    public const string ScramSha512 = "SCRAM-SHA-512";

    /// <summary>SCRAM with SHA-256 (RFC 7677, no channel binding).</summary>
    public const string ScramSha256 = "SCRAM-SHA-256";

    /// <summary>SCRAM with SHA-1 (RFC 5802, no channel binding).</summary>
    public const string ScramSha1 = "SCRAM-SHA-1";

    /// <summary>PLAIN (RFC 4616): the password in clear, acceptable only inside TLS.</summary>
    public const string Plain = "PLAIN";

    /// <summary>Every name above, strongest first.</summary>
    public static IReadOnlyList<string> All { get; } = [ScramSha512, ScramSha256, ScramSha1, Plain];

    /// <summary>True when the client implements <paramref name="name"/> (names are case-sensitive).</summary>
    public static bool IsSupported(string name) => All.Contains(name, StringComparer.Ordinal);
}
