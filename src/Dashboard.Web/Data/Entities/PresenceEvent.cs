namespace Dashboard.Web.Data.Entities;

/// <summary>A device's availability changed. Append-only.</summary>
public sealed class PresenceEvent
{
    public long Id { get; set; }

    /// <summary>Bare JID of the device.</summary>
    public required string Jid { get; set; }

    public required string Availability { get; set; }

    public string? Status { get; set; }

    public DateTimeOffset At { get; set; }
}
