namespace Dashboard.Web.Data.Entities;

/// <summary>A data point a device listed; its live value is in memory, its history in <see cref="Sample"/>.</summary>
public sealed class DataPointRecord
{
    public int Id { get; set; }

    public int DeviceId { get; set; }

    public Device? Device { get; set; }

    /// <summary>The SmartServer's point path, e.g. <c>Net/LON/iLON App/VirtFb/temp_thermostat</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The item type (<c>Dp_Data</c>, …) and its LonFormat, as the device reported them.</summary>
    public string? ItemType { get; set; }

    public string? LonFormat { get; set; }

    public string? Unit { get; set; }

    public string? Annotation { get; set; }

    public DateTimeOffset DiscoveredAt { get; set; }
}
