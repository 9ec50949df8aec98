using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Alarms;

/// <summary>Open alarms counted by severity, and how many of them still wait for an acknowledgement.</summary>
public sealed record AlarmCounts(int Critical, int High, int Medium, int Low, int Unacknowledged, int UnacknowledgedAtLeastHigh)
{
    public static AlarmCounts None { get; } = new(0, 0, 0, 0, 0, 0);

    public int Total => Critical + High + Medium + Low;

    public int Of(AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Critical => Critical,
        AlarmSeverity.High => High,
        AlarmSeverity.Medium => Medium,
        _ => Low,
    };

    public static AlarmCounts Of(IEnumerable<AlarmRow> open)
    {
        int critical = 0, high = 0, medium = 0, low = 0, unacknowledged = 0, urgent = 0;
        foreach (var alarm in open)
        {
            switch (alarm.Severity)
            {
                case AlarmSeverity.Critical: critical++; break;
                case AlarmSeverity.High: high++; break;
                case AlarmSeverity.Medium: medium++; break;
                default: low++; break;
            }

            if (!alarm.IsAcknowledged)
            {
                unacknowledged++;
                if (alarm.Severity >= AlarmSeverity.High)
                {
                    urgent++;
                }
            }
        }

        return new AlarmCounts(critical, high, medium, low, unacknowledged, urgent);
    }
}
