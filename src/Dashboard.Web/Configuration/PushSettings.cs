namespace Dashboard.Web.Configuration;

/// <summary>
/// Values SmartServers push to the dashboard through Web connections (WebBinder Writes over XMPP): how
/// fast one device may update the screen and the store, which time stamps are believed, and how often a
/// pushed point is still read to catch a binding that went silent.
/// </summary>
public sealed class PushSettings
{
    /// <summary>Answer WebBinder Writes. Off: every Write is refused and points are polled as before.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a point that is being pushed is still read, so a silent binding is noticed.</summary>
    public TimeSpan SafetyPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Updates one device may apply per second (the registry, samples, alarms, browsers). Faster Writes
    /// are coalesced: each point keeps its latest value until the next update is allowed.
    /// </summary>
    public int MaxUpdatesPerSecond { get; set; } = 10;

    /// <summary>A <c>UCPTlastUpdate</c> further ahead of the dashboard's clock than this is refused.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A <c>UCPTlastUpdate</c> older than this is refused, like a WebBinder destination's maximum age.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a Write for a device whose points are not listed yet may wait for the listing.</summary>
    public TimeSpan DiscoveryWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>What is wrong with these settings, each naming its setting; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (SafetyPollInterval < TimeSpan.FromSeconds(1))
        {
            yield return "Dashboard:Push:SafetyPollInterval must be at least 00:00:01.";
        }

        if (MaxUpdatesPerSecond is < 1 or > 1000)
        {
            yield return "Dashboard:Push:MaxUpdatesPerSecond must be between 1 and 1000.";
        }

        if (MaxClockSkew < TimeSpan.Zero || MaxAge <= TimeSpan.Zero)
        {
            yield return "Dashboard:Push:MaxClockSkew must not be negative and Dashboard:Push:MaxAge must be positive.";
        }

        if (DiscoveryWait < TimeSpan.Zero)
        {
            yield return "Dashboard:Push:DiscoveryWait must not be negative.";
        }
    }
}
