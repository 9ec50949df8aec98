using System.Xml.Linq;

namespace Dashboard.Xmpp;

/// <summary>The presence subscription state of a roster contact (RFC 6121 §2.1.2.5).</summary>
public enum RosterSubscription
{
    None,
    To,
    From,
    Both,
    Remove,
}

/// <summary>A contact in the account's roster: for the dashboard, usually a SmartServer.</summary>
public sealed record RosterItem(Jid Jid, string? Name, RosterSubscription Subscription, bool PendingOut,
    IReadOnlyList<string> Groups)
{
    /// <summary>True when the account receives this contact's presence (subscription to or both).</summary>
    public bool ReceivesPresence => Subscription is RosterSubscription.To or RosterSubscription.Both;

    /// <summary>Reads an <c>&lt;item/&gt;</c>; throws <see cref="JidFormatException"/> for an invalid jid.</summary>
    public static RosterItem Parse(XElement item)
    {
        var jid = Jid.Parse((string?)item.Attribute("jid") ?? throw new XmppProtocolException("Roster item without jid."));
        var subscription = (string?)item.Attribute("subscription") switch
        {
            "to" => RosterSubscription.To,
            "from" => RosterSubscription.From,
            "both" => RosterSubscription.Both,
            "remove" => RosterSubscription.Remove,
            _ => RosterSubscription.None,
        };
        var groups = item.Elements(XmppNamespaces.Roster + "group").Select(g => g.Value).ToArray();
        return new RosterItem(jid, (string?)item.Attribute("name"), subscription,
            (string?)item.Attribute("ask") == "subscribe", groups);
    }
}

/// <summary>A roster push or the result of a roster fetch.</summary>
public sealed class RosterChangedEventArgs(IReadOnlyList<RosterItem> items, bool isFullRoster) : EventArgs
{
    public IReadOnlyList<RosterItem> Items { get; } = items;

    /// <summary>True for the whole roster (after login or a re-sync), false for a push of changed items.</summary>
    public bool IsFullRoster { get; } = isFullRoster;
}
