namespace Dashboard.Xmpp.SmartServer;

/// <summary>
/// A point's <c>UCPTpointStatus</c>: the LonMark alarm type the SmartServer reports with each value.
/// </summary>
public static class PointStatus
{
    /// <summary>
    /// True for an alarm condition. Normal are <c>AL_NUL</c> and <c>AL_NO_CONDITION</c>; <c>AL_OFFLINE</c> is the
    /// device's reachability, shown as such, not an alarm; and the <c>…_CLR_…</c> types (<c>AL_HIGH_LMT_CLR_1</c>) say
    /// that a limit condition has cleared: the value is back in range.
    /// </summary>
    public static bool IsAlarm(string? status) =>
        status is not null and not "AL_NUL" and not "AL_NO_CONDITION" and not "AL_OFFLINE"
        && !status.Contains("_CLR_", StringComparison.Ordinal);
}
