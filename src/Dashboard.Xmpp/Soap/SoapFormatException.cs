namespace Dashboard.Xmpp.Soap;

/// <summary>Why a SOAP envelope was refused.</summary>
public enum SoapFormatReason
{
    NoEnvelope,
    WrongNamespace,
    MissingBody,
    EmptyBody,
    BodyWithSeveralChildren,
    FaultWithoutCode,
    TooLarge,
}

/// <summary>A SOAP envelope that breaks the rules: a typed error naming what is wrong, never a null reference.</summary>
public sealed class SoapFormatException(SoapFormatReason reason, string message) : Exception(message)
{
    public SoapFormatReason Reason { get; } = reason;
}
