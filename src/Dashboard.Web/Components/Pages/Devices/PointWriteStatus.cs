namespace Dashboard.Web.Components.Pages.Devices;

/// <summary>Where a setpoint write from this page stands.</summary>
public enum WriteState
{
    /// <summary>Sent; waiting for the device's answer and the read-back.</summary>
    Pending,

    /// <summary>The read-back shows the value written.</summary>
    Confirmed,

    /// <summary>The device accepted it, but a write at a higher priority holds the point.</summary>
    Held,

    /// <summary>Refused, faulted or unanswered; nothing changed.</summary>
    Failed,
}

/// <summary>The state of the last write to one point, and the words to show for it.</summary>
public sealed record PointWriteStatus(WriteState State, string Message);
