namespace Dashboard.Web.Hub;

/// <summary>How far a shown value can be trusted right now.</summary>
public enum PointQuality
{
    /// <summary>Never read since the dashboard started.</summary>
    Unknown,

    /// <summary>Read or pushed recently from an online device.</summary>
    Good,

    /// <summary>Not refreshed within the configured number of poll intervals.</summary>
    Stale,

    /// <summary>The device is not online (presence).</summary>
    Offline,

    /// <summary>The last request for it failed (SOAP fault, garbage, no answer).</summary>
    Fault,
}
