using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Alarms;

/// <summary>What the alarms page narrows to. Empty sets and null values mean "any".</summary>
public sealed record AlarmFilter
{
    public IReadOnlySet<AlarmSeverity> Severities { get; init; } = new HashSet<AlarmSeverity>();

    public IReadOnlySet<AlarmState> States { get; init; } = new HashSet<AlarmState>();

    /// <summary>Part of a device's name or JID, matched without regard to case.</summary>
    public string? Device { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>True when <paramref name="alarm"/> passes the severity, state and device parts of the filter.</summary>
    public bool Matches(AlarmRow alarm) =>
        (Severities.Count == 0 || Severities.Contains(alarm.Severity))
        && (States.Count == 0 || States.Contains(alarm.State))
        && MatchesDevice(alarm.DeviceName, alarm.Jid);

    private bool MatchesDevice(string name, string jid) =>
        string.IsNullOrWhiteSpace(Device)
        || name.Contains(Device.Trim(), StringComparison.OrdinalIgnoreCase)
        || jid.Contains(Device.Trim(), StringComparison.OrdinalIgnoreCase);
}
