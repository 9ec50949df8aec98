namespace Dashboard.Xmpp;

/// <summary>Thrown when a string is not a valid JID; <see cref="Part"/> says which part is at fault.</summary>
public sealed class JidFormatException : FormatException
{
    /// <summary>Creates the exception for an invalid <paramref name="part"/>.</summary>
    public JidFormatException(JidPart part, string message)
        : base(message)
    {
        Part = part;
    }

    /// <summary>Creates the exception for an invalid <paramref name="part"/> with the underlying cause.</summary>
    public JidFormatException(JidPart part, string message, Exception innerException)
        : base(message, innerException)
    {
        Part = part;
    }

    /// <summary>The part of the JID that is invalid.</summary>
    public JidPart Part { get; }
}
