using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>Routes each received stanza to its one destination: the IQ tracker, a handler or an event.</summary>
public sealed partial class XmppClient
{
    private void Dispatch(XElement stanza)
    {
        try
        {
            switch (stanza.Name.LocalName)
            {
                case "iq":
                    DispatchIq(stanza);
                    break;
                case "presence":
                    DispatchPresence(stanza);
                    break;
                case "message":
                    var from = (string?)stanza.Attribute("from") is { } text ? Jid.Parse(text) : BoundJid?.Bare;
                    if (from is not null)
                    {
                        Raise(MessageReceived, new XmppMessage(from, (string?)stanza.Attribute("type") ?? "normal",
                            (string?)stanza.Element(XmppNamespaces.Client + "body"), stanza));
                    }

                    break;
                default:
                    Log.StanzaDropped(_logger, $"unexpected element <{stanza.Name.LocalName}/>", null);
                    break;
            }
        }
        catch (Exception e) when (e is JidFormatException or XmppProtocolException or FormatException)
        {
            Log.StanzaDropped(_logger, e.Message, e);
        }
    }

    private void DispatchPresence(XElement stanza)
    {
        var type = (string?)stanza.Attribute("type");
        if (type == "subscribe")
        {
            var from = Jid.Parse((string?)stanza.Attribute("from") ?? throw new XmppProtocolException("Subscription request without 'from'."));
            Raise(SubscriptionRequested, from.Bare);
            return;
        }

        if (BoundJid is { } own && XmppPresence.Parse(stanza, own.Bare) is { } presence)
        {
            Raise(PresenceReceived, presence);
        }
    }

    private void DispatchIq(XElement iq)
    {
        switch ((string?)iq.Attribute("type"))
        {
            case "result" or "error":
                if (!_iqs.TryComplete(iq))
                {
                    Log.StanzaDropped(_logger, $"IQ reply {(string?)iq.Attribute("id")} from {(string?)iq.Attribute("from")} matches no waiting request (late, unknown or from the wrong sender)", null);
                }

                break;
            case "get" or "set":
                _ = AnswerIqAsync(iq);
                break;
            default:
                Log.StanzaDropped(_logger, "IQ without a valid type", null);
                break;
        }
    }

    /// <summary>Answers a request off the read loop, so a slow handler never holds up other stanzas.</summary>
    private async Task AnswerIqAsync(XElement iq)
    {
        XElement reply;
        try
        {
            reply = await BuildAnswerAsync(iq).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_lifetime.IsCancellationRequested)
        {
            Log.IqHandlerFailed(_logger, (string?)iq.Attribute("id"), (string?)iq.Attribute("from"), e);
            reply = ErrorReply(iq, new StanzaError("wait", "internal-server-error", null, null, null));
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            Send(reply);
        }
        catch (XmppDisconnectedException e)
        {
            Log.StanzaDropped(_logger, "the session ended before the answer could be sent", e);
        }
    }

    private async Task<XElement> BuildAnswerAsync(XElement iq)
    {
        var payload = iq.Elements().FirstOrDefault();
        var isGet = (string?)iq.Attribute("type") == "get";
        if (payload?.Name == XmppNamespaces.Ping + "ping" && isGet)
        {
            return ResultReply(iq);
        }

        if (payload?.Name == XmppNamespaces.DiscoInfo + "query" && isGet && payload.Attribute("node") is null)
        {
            var info = new DiscoInfo([_options.Identity], _features.Keys.ToHashSet(StringComparer.Ordinal));
            return ResultReply(iq, info.ToQuery());
        }

        if (payload?.Name == XmppNamespaces.Roster + "query" && !isGet)
        {
            return ApplyRosterPush(iq, payload);
        }

        IIqHandler? handler;
        lock (_handlers)
        {
            handler = _handlers.FirstOrDefault(h => h.CanHandle(iq));
        }

        return handler is null
            ? ErrorReply(iq, new StanzaError("cancel", "service-unavailable", null, null, null))
            : await handler.HandleAsync(iq, _lifetime.Token).ConfigureAwait(false);
    }

    /// <summary>A roster push is trusted only from the account itself (RFC 6121 §2.1.6).</summary>
    private XElement ApplyRosterPush(XElement iq, XElement query)
    {
        var from = (string?)iq.Attribute("from") is { } text ? Jid.Parse(text) : null;
        if (from is not null && BoundJid is { } own && !from.Equals(own.Bare) && !from.Equals(own))
        {
            return ErrorReply(iq, new StanzaError("cancel", "service-unavailable", null, null, null));
        }

        var items = ParseRosterItems(query);
        foreach (var item in items)
        {
            if (item.Subscription == RosterSubscription.Remove)
            {
                _roster.TryRemove(item.Jid, out _);
            }
            else
            {
                _roster[item.Jid] = item;
            }
        }

        Raise(RosterChanged, new RosterChangedEventArgs(items, isFullRoster: false));
        return ResultReply(iq);
    }

    private List<RosterItem> ParseRosterItems(XElement? query)
    {
        var items = new List<RosterItem>();
        foreach (var element in query?.Elements(XmppNamespaces.Roster + "item") ?? [])
        {
            try
            {
                items.Add(RosterItem.Parse(element));
            }
            catch (Exception e) when (e is JidFormatException or XmppProtocolException)
            {
                Log.StanzaDropped(_logger, "a roster item with an invalid JID", e);
            }
        }

        return items;
    }

    private static XElement ResultReply(XElement request, XElement? payload = null) =>
        new(XmppNamespaces.Client + "iq", new XAttribute("type", "result"), new XAttribute("id", (string?)request.Attribute("id") ?? ""),
            (string?)request.Attribute("from") is { } to ? new XAttribute("to", to) : null, payload);

    private static XElement ErrorReply(XElement request, StanzaError error) =>
        new(XmppNamespaces.Client + "iq", new XAttribute("type", "error"), new XAttribute("id", (string?)request.Attribute("id") ?? ""),
            (string?)request.Attribute("from") is { } to ? new XAttribute("to", to) : null, error.ToXml());
}
