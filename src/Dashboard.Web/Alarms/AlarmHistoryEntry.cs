using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Alarms;

/// <summary>One step of an alarm's life (raised, acknowledged, cleared) with what it was about.</summary>
public sealed record AlarmHistoryEntry(
    long EventId,
    long AlarmId,
    DateTimeOffset At,
    AlarmState State,
    string? User,
    string? Comment,
    string Jid,
    string DeviceName,
    string PointName,
    string Condition,
    AlarmSeverity Severity)
{
    public string PointShortName => PointName[(PointName.LastIndexOf('/') + 1)..];
}
