using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>
/// Matches IQ replies to requests: unguessable ids, a deadline per request, the reply's sender checked
/// against the request's addressee (RFC 6120 §8.1.2.1), late or spoofed replies dropped.
/// </summary>
internal sealed class IqTracker(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, PendingIq> _pending = new(StringComparer.Ordinal);

    public int PendingCount => _pending.Count;

    /// <summary>Gives the request a fresh id and registers it; <paramref name="send"/> puts it on the wire.</summary>
    public async Task<XElement> RequestAsync(XElement iq, Jid ownJid, Action<XElement> send, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var id = NewId();
        iq.SetAttributeValue("id", id);
        var to = (string?)iq.Attribute("to") is { } text ? Jid.Parse(text) : null;
        var pending = new PendingIq(to, ownJid);
        _pending[id] = pending;
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            send(iq);
            return await pending.Reply.Task.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new XmppTimeoutException(to?.ToString(), id, timeout);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Completes the request a reply answers. Returns false when no request waits for it (late, unknown)
    /// or when its sender is not the one asked (spoofed); the caller logs and drops it.
    /// </summary>
    public bool TryComplete(XElement reply)
    {
        var id = (string?)reply.Attribute("id");
        if (id is null || !_pending.TryGetValue(id, out var pending))
        {
            return false;
        }

        var fromText = (string?)reply.Attribute("from");
        Jid? from = null;
        if (fromText is not null && !Jid.TryParse(fromText, out from))
        {
            return false;
        }

        if (!pending.IsExpectedSender(from) || !_pending.TryRemove(id, out _))
        {
            return false;
        }

        if ((string?)reply.Attribute("type") == "error")
        {
            var error = reply.Element(XmppNamespaces.Client + "error");
            pending.Reply.TrySetException(new StanzaErrorException(
                error is null ? new StanzaError("cancel", "undefined-condition", null, null, null) : StanzaError.Parse(error),
                reply));
        }
        else
        {
            pending.Reply.TrySetResult(reply);
        }

        return true;
    }

    /// <summary>Fails every waiting request, e.g. when the session drops: none waits for its deadline.</summary>
    public void FailAll(Exception error)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.Reply.TrySetException(error);
            }
        }
    }

    private static string NewId()
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    private sealed class PendingIq(Jid? to, Jid ownJid)
    {
        public TaskCompletionSource<XElement> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// A request to an entity must be answered by that entity; one without 'to' (the account itself)
        /// by the server: no 'from', the account's bare or full JID, or its domain.
        /// </summary>
        public bool IsExpectedSender(Jid? from)
        {
            if (to is not null && !to.Equals(ownJid.Bare))
            {
                return to.Equals(from);
            }

            return from is null || from.Equals(ownJid.Bare) || from.Equals(ownJid)
                || (from.Local is null && from.Resource is null && from.Domain == ownJid.Domain);
        }
    }
}
