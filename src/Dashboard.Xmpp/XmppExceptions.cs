namespace Dashboard.Xmpp;

/// <summary>The XMPP session ended (or was never up) while an operation needed it.</summary>
public sealed class XmppDisconnectedException : Exception
{
    public XmppDisconnectedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The server closed the stream with a <c>&lt;stream:error/&gt;</c> (RFC 6120 §4.9).</summary>
public sealed class XmppStreamErrorException : Exception
{
    public XmppStreamErrorException(string condition, string? text)
        : base(text is null ? $"Stream error: {condition}" : $"Stream error: {condition} ({text})")
    {
        Condition = condition;
        Text = text;
    }

    /// <summary>The defined condition, e.g. <c>conflict</c>, <c>system-shutdown</c>.</summary>
    public string Condition { get; }

    public string? Text { get; }

    /// <summary>
    /// Conditions after which reconnecting cannot help or would fight another session: a resource
    /// conflict must not start a reconnect ping-pong between two clients.
    /// </summary>
    public bool IsFinal => Condition is "conflict" or "not-authorized" or "policy-violation" or "host-unknown"
        or "improper-addressing" or "invalid-namespace" or "unsupported-version" or "bad-format";
}

/// <summary>A peer or the server sent something the protocol does not allow; the stanza was dropped.</summary>
public sealed class XmppProtocolException : Exception
{
    public XmppProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The server refused the credentials (a SASL <c>&lt;failure/&gt;</c>); retrying the same ones cannot help.</summary>
public sealed class XmppAuthenticationException : Exception
{
    public XmppAuthenticationException(string mechanism, string condition, string? text)
        : base($"Authentication with {mechanism} failed: {condition}{(text is null ? "" : $" ({text})")}")
    {
        Mechanism = mechanism;
        Condition = condition;
    }

    public string Mechanism { get; }

    /// <summary>The SASL failure condition (RFC 6120 §6.5), e.g. <c>not-authorized</c>.</summary>
    public string Condition { get; }
}
