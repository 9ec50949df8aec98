namespace Dashboard.Xmpp;

/// <summary>A request got no answer in time.</summary>
public class XmppTimeoutException(string? peer, string id, TimeSpan timeout)
    : TimeoutException($"No answer from {peer ?? "the server"} to request {id} within {timeout.TotalSeconds:0.#} s.")
{
    public string? Peer { get; } = peer;

    public string RequestId { get; } = id;
}
