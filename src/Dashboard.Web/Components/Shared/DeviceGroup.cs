using Dashboard.Web.Hub;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The devices of one site and area, counted the way a large fleet is watched: how many are online, offline, stale
/// and in alarm. Devices without a site are grouped last under "No site".
/// </summary>
public sealed record DeviceGroup(string Site, string? Area, IReadOnlyList<DeviceState> Devices, int Online, int Offline, int Stale, int InAlarm)
{
    public const string NoSite = "No site";

    /// <summary>Above this many devices the overview and the wall show a tile per group instead of per device.</summary>
    public const int GroupAbove = 60;

    /// <summary>"Site · Area", or the site alone.</summary>
    public string Label => Area is null ? Site : $"{Site} · {Area}";

    /// <summary>True when something in the group needs attention.</summary>
    public bool IsAbnormal => Offline > 0 || Stale > 0 || InAlarm > 0;

    public static IReadOnlyList<DeviceGroup> Of(IEnumerable<DeviceState> devices, DateTimeOffset now, TimeSpan staleAfter) =>
        devices
            .GroupBy(d => (Site: string.IsNullOrWhiteSpace(d.Site) ? null : d.Site.Trim(), Area: string.IsNullOrWhiteSpace(d.Area) ? null : d.Area.Trim()))
            .Select(g =>
            {
                var members = g.OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase).ToArray();
                return new DeviceGroup(g.Key.Site ?? NoSite, g.Key.Area, members,
                    Online: members.Count(d => d.IsOnline),
                    Offline: members.Count(d => !d.IsOnline),
                    Stale: members.Count(d => d.Quality(now, staleAfter) == PointQuality.Stale),
                    InAlarm: members.Count(d => d.Points.Values.Any(p => p.IsAlarm)));
            })
            .OrderBy(g => g.Site == NoSite)
            .ThenBy(g => g.Site, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(g => g.Area ?? "", StringComparer.CurrentCultureIgnoreCase)
            .ToArray();
}
