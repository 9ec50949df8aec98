using Dashboard.Web.Hub;

namespace Dashboard.Web.Components.Pages.Devices;

/// <summary>What the device list is narrowed to; an empty filter matches everything.</summary>
public sealed record DeviceFilter(string? Search = null, string? Site = null, string? Area = null, bool? Online = null, PointQuality? Quality = null)
{
    /// <summary>Search matches name, JID, site or area, ignoring case; the other criteria must match exactly.</summary>
    public bool Matches(DeviceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var search = Search?.Trim();
        return (string.IsNullOrEmpty(search)
                || Contains(row.Name, search) || Contains(row.Jid, search) || Contains(row.Site, search) || Contains(row.Area, search))
            && (Site is null || string.Equals(row.Site, Site, StringComparison.Ordinal))
            && (Area is null || string.Equals(row.Area, Area, StringComparison.Ordinal))
            && (Online is null || row.Online == Online)
            && (Quality is null || row.Quality == Quality);
    }

    private static bool Contains(string? text, string search) => text?.Contains(search, StringComparison.OrdinalIgnoreCase) == true;
}
