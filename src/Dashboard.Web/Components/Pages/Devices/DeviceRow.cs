using Dashboard.Web.Hub;

namespace Dashboard.Web.Components.Pages.Devices;

/// <summary>One line of the device list, taken from the registry at one instant.</summary>
public sealed record DeviceRow(
    string Jid,
    string Name,
    string? Site,
    string? Area,
    bool Online,
    string Presence,
    PointQuality Quality,
    int Points,
    bool InAlarm,
    DateTimeOffset? LastRead)
{
    public static DeviceRow From(DeviceState device, DateTimeOffset now, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new(device.Jid.ToString(), device.Name, device.Site, device.Area, device.IsOnline,
            device.IsOnline ? device.Availability.ToString() : "Offline", device.Quality(now, staleAfter), device.Points.Count,
            device.Points.Values.Any(p => p.IsAlarm), device.LastPolledAt);
    }

    /// <summary>The device page's address, the JID escaped for a path segment.</summary>
    public string Link => DeviceLinks.To(Jid);
}

/// <summary>Addresses of device pages.</summary>
public static class DeviceLinks
{
    public static string To(string jid) => "devices/" + Uri.EscapeDataString(jid);
}
