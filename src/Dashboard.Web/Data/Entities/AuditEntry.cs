namespace Dashboard.Web.Data.Entities;

/// <summary>Who asked for what, and whether it was allowed. Append-only.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string User { get; set; }

    /// <summary>What was asked, e.g. <c>point.write</c>, <c>alarm.acknowledge</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was asked of: a device JID, a point, an alarm id.</summary>
    public required string Target { get; set; }

    public string? Details { get; set; }

    public bool Allowed { get; set; }

    /// <summary>Ties a write to its SOAP exchange.</summary>
    public string? CorrelationId { get; set; }
}
