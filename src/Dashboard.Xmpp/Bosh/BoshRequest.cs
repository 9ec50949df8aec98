namespace Dashboard.Xmpp.Bosh;

/// <summary>
/// One rid and its body, kept byte-identical for every resend: a server that sees the rid again answers
/// from its cache or processes the same payload, and never a re-batched one that would lose stanzas.
/// </summary>
internal sealed class BoshRequest(long rid, string text, bool isEmpty, bool isRestart)
{
    public long Rid { get; } = rid;

    public string Text { get; } = text;

    public byte[] Bytes { get; } = System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>An empty poll (not a restart): what slot rules and the polling interval govern.</summary>
    public bool IsEmpty { get; } = isEmpty;

    public bool IsRestart { get; } = isRestart;

    /// <summary>Which send of this rid is current; completions of superseded sends are ignored.</summary>
    public int Attempt { get; set; }

    /// <summary>True while an HTTP request for the current attempt is open.</summary>
    public bool Running { get; set; }

    public CancellationTokenSource? Cancel { get; set; }

    public long SentAt { get; set; }

    /// <summary>When set: resend at this time (after a failure, with backoff).</summary>
    public long? RetryAt { get; set; }

    /// <summary>When set: a later rid completed; if this one is still open at this time, it was lost.</summary>
    public long? SecondaryDeadline { get; set; }
}
