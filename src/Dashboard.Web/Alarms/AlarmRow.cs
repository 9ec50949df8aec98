using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Alarms;

/// <summary>An alarm as the pages show it: the stored alarm with its device's name and address.</summary>
public sealed record AlarmRow(
    long Id,
    string Jid,
    string DeviceName,
    string PointName,
    string Condition,
    AlarmSeverity Severity,
    AlarmState State,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ClearedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgeComment)
{
    public bool IsAcknowledged => State is AlarmState.ActiveAcknowledged or AlarmState.ClearedAcknowledged;

    public bool IsActive => State is AlarmState.ActiveUnacknowledged or AlarmState.ActiveAcknowledged;

    /// <summary>The last segment of the point path: <c>Net/LON/iLON App/VirtFb/temp</c> → <c>temp</c>.</summary>
    public string PointShortName => PointName[(PointName.LastIndexOf('/') + 1)..];
}
