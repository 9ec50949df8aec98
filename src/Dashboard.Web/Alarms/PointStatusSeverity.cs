using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Alarms;

/// <summary>
/// The one place a SmartServer point status (<c>UCPTpointStatus</c>, the LonMark alarm types) becomes an alarm severity.
/// <list type="table">
/// <item><term>Critical</term><description>second limits (<c>AL_HIGH_LMT_ALM_2</c>, <c>AL_LOW_LMT_ALM_2</c>): the second limit lies
/// beyond the first, so the plant has kept going past its early warning; and any fatal status (<c>…FATAL…</c>, our inference:
/// the device itself says it can no longer work).</description></item>
/// <item><term>High</term><description><c>AL_ALM_CONDITION</c>: an alarm the device raised itself, with no limit to grade it.</description></item>
/// <item><term>Medium</term><description>first limits (<c>AL_HIGH_LMT_ALM_1</c>, <c>AL_LOW_LMT_ALM_1</c>): the early warning.</description></item>
/// <item><term>Low</term><description>any other non-normal status.</description></item>
/// </list>
/// The point's <c>UCPTpriority</c> is not used: it is the priority a write holds the point at, not how urgent an alarm is.
/// </summary>
public static class PointStatusSeverity
{
    public static AlarmSeverity Of(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status switch
        {
            _ when status.EndsWith("_ALM_2", StringComparison.Ordinal) => AlarmSeverity.Critical,
            _ when status.Contains("FATAL", StringComparison.Ordinal) => AlarmSeverity.Critical,
            "AL_ALM_CONDITION" => AlarmSeverity.High,
            _ when status.EndsWith("_ALM_1", StringComparison.Ordinal) => AlarmSeverity.Medium,
            _ => AlarmSeverity.Low,
        };
    }
}
