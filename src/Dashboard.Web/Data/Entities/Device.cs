namespace Dashboard.Web.Data.Entities;

/// <summary>A SmartServer the dashboard knows, by its bare JID.</summary>
public sealed class Device
{
    public int Id { get; set; }

    /// <summary>Bare JID, normalised (e.g. <c>00d071a1b2c3@xmpp.test</c>); unique.</summary>
    public required string Jid { get; set; }

    public required string Name { get; set; }

    public string? Site { get; set; }

    public string? Area { get; set; }

    public string? Notes { get; set; }

    /// <summary>Where the record came from: the roster, added by hand, or a CSV import.</summary>
    public DeviceSource Source { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public List<DataPointRecord> Points { get; } = [];
}

public enum DeviceSource
{
    Roster,
    Manual,
    Import,
}
