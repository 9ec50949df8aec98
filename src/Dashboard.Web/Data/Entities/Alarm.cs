namespace Dashboard.Web.Data.Entities;

/// <summary>An alarm on a point, with its ISA-18.2 state; <see cref="AlarmEvent"/> keeps its history.</summary>
public sealed class Alarm
{
    public long Id { get; set; }

    public int DeviceId { get; set; }

    public required string PointName { get; set; }

    /// <summary>The point status that raised it, e.g. <c>AL_HIGH_LMT_ALM_1</c>.</summary>
    public required string Condition { get; set; }

    public AlarmSeverity Severity { get; set; }

    public AlarmState State { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset? ClearedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public string? AcknowledgeComment { get; set; }
}

/// <summary>ISA-18.2 alarm states.</summary>
public enum AlarmState
{
    ActiveUnacknowledged,
    ActiveAcknowledged,
    ClearedUnacknowledged,
    ClearedAcknowledged,
}

public enum AlarmSeverity
{
    Low,
    Medium,
    High,
    Critical,
}
