namespace Dashboard.Web.Hub;

/// <summary>How a point's values reach the dashboard.</summary>
public enum PointDelivery
{
    /// <summary>Read by the poller on its interval.</summary>
    Poll,

    /// <summary>Sent by the SmartServer's WebBinder on every update; the poller only checks it now and then.</summary>
    Push,
}

/// <summary>How a device's values reach the dashboard, over all its points.</summary>
public enum DeviceDelivery
{
    Poll,
    Push,
    Mixed,
}
