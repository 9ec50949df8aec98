namespace Dashboard.Web.Components.Pages.Wall;

/// <summary>What the wall shows: the fleet's tiles, or the open alarms alone.</summary>
public enum WallView
{
    Overview,
    Alarms,
}
