namespace Dashboard.Xmpp.Bosh;

/// <summary>A BOSH session failed or refused a request, with the condition and what to do about it.</summary>
public sealed class BoshException : XmppTransportException
{
    public BoshException(BoshCondition condition, string message, Exception? innerException = null, Uri? seeOtherUri = null)
        : base(message, innerException)
    {
        Condition = condition;
        SeeOtherUri = seeOtherUri;
    }

    public BoshCondition Condition { get; }

    /// <summary>For <see cref="BoshCondition.SeeOtherUri"/>: where the server says to go (https only, else null).</summary>
    public Uri? SeeOtherUri { get; }

    public override bool IsRecoverable => BoshConditions.IsRecoverable(Condition);

    /// <summary>True for one request's failure that a resend of the same rid may mend (network, 5xx, proxy).</summary>
    public bool IsTransient { get; init; }
}
