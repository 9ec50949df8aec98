namespace Dashboard.Xmpp.Sasl;

/// <summary>Why a SASL negotiation failed on the client side.</summary>
public enum SaslFailureReason
{
    /// <summary>A server message could not be parsed or lacks a required attribute.</summary>
    MalformedChallenge,

    /// <summary>The SCRAM iteration count is below the minimum of 4096 (RFC 5802 §5.1).</summary>
    IterationCountTooLow,

    /// <summary>The SCRAM iteration count is above the sanity cap; computing it would stall the client.</summary>
    IterationCountTooHigh,

    /// <summary>The server nonce does not extend the client nonce.</summary>
    NonceMismatch,

    /// <summary>The SCRAM server signature is wrong: the server does not know the password.</summary>
    ServerSignatureMismatch,

    /// <summary>The server reported success without proving it knows the password.</summary>
    ServerSignatureMissing,

    /// <summary>The server sent a SCRAM <c>e=</c> error attribute.</summary>
    ServerError,

    /// <summary>The server offers a mechanism the policy forbids here (PLAIN over an insecure channel).</summary>
    MechanismNotAllowed,

    /// <summary>None of the offered mechanisms is in the policy's preference list.</summary>
    NoCommonMechanism,

    /// <summary>The user name or password is empty or has a character SASLprep prohibits.</summary>
    InvalidCredentials,
}
