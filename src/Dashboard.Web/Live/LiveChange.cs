namespace Dashboard.Web.Live;

/// <summary>What changed; subscribers re-read the details from the device registry.</summary>
public enum LiveChangeKind
{
    Presence,
    Points,
    SoapExchange,
    Alarm,
    Connection,
}

/// <summary>One change published by the hub: its kind and the device (bare JID) it concerns, if any.</summary>
public readonly record struct LiveChange(LiveChangeKind Kind, string? Device, string? Detail = null);
