namespace Dashboard.Web.Data.Entities;

/// <summary>A step in an alarm's life (raised, acknowledged, cleared). Append-only.</summary>
public sealed class AlarmEvent
{
    public long Id { get; set; }

    public long AlarmId { get; set; }

    public AlarmState State { get; set; }

    public DateTimeOffset At { get; set; }

    public string? User { get; set; }

    public string? Comment { get; set; }
}
