namespace Dashboard.Xmpp.Sasl;

/// <summary>A SASL negotiation failed on the client side; <see cref="Reason"/> says why.</summary>
/// <remarks>Messages never contain the password.</remarks>
public sealed class SaslException : Exception
{
    /// <summary>Creates the exception for <paramref name="reason"/>.</summary>
    public SaslException(SaslFailureReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception for <paramref name="reason"/> with the underlying cause.</summary>
    public SaslException(SaslFailureReason reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the negotiation failed.</summary>
    public SaslFailureReason Reason { get; }
}
