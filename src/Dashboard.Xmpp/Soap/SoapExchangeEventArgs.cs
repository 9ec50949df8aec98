namespace Dashboard.Xmpp.Soap;

/// <summary>One finished SOAP exchange, for logs: what was asked, what came back (or failed), how long it took.</summary>
public sealed class SoapExchangeEventArgs(Jid to, string operation, string? id, string request, string? response, Exception? error, TimeSpan duration)
    : EventArgs
{
    public Jid To { get; } = to;

    public string Operation { get; } = operation;

    /// <summary>The IQ id: ties the exchange to traffic logs.</summary>
    public string? Id { get; } = id;

    public string Request { get; } = request;

    public string? Response { get; } = response;

    public Exception? Error { get; } = error;

    public TimeSpan Duration { get; } = duration;
}
