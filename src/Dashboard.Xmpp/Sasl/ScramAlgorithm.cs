namespace Dashboard.Xmpp.Sasl;

/// <summary>The hash function a SCRAM mechanism is built on.</summary>
public enum ScramAlgorithm
{
    /// <summary>SCRAM-SHA-1 (RFC 5802).</summary>
    Sha1,

    /// <summary>SCRAM-SHA-256 (RFC 7677).</summary>
    Sha256,

    /// <summary>SCRAM-SHA-512.</summary>
    Sha512,
}
