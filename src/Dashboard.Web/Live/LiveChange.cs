namespace Dashboard.Web.Live;

/// <summary>What changed; subscribers re-read the details from the device registry.</summary>
public enum LiveChangeKind
{
    Presence,
    Points,
    SoapExchange,
    Alarm,
    Connection,

    /// <summary>SOAP exchange or presence event rows were stored; <see cref="LiveChange.Detail"/> says which (see <c>StoredLogRows</c>).</summary>
    LogRow,

    /// <summary>An audit entry was stored; <see cref="LiveChange.Detail"/> is its id. Sent over SignalR to Admins only.</summary>
    Audit,
}

/// <summary>One change published by the hub: its kind and the device (bare JID) it concerns, if any.</summary>
public readonly record struct LiveChange(LiveChangeKind Kind, string? Device, string? Detail = null);
