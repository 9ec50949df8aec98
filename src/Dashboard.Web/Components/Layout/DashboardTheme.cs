using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>The dashboard's MudBlazor theme: calm neutrals, colour kept for abnormal states.</summary>
public static class DashboardTheme
{
    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1e5aa8",
            AppbarBackground = "#1e3a5f",
            Success = "#2e7d32",
            Warning = "#b26a00",
            Error = "#c62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb0ff",
            AppbarBackground = "#10151c",
            Background = "#0b0f14",
            Surface = "#141a22",
            DrawerBackground = "#10151c",
            Success = "#66bb6a",
            Warning = "#ffb74d",
            Error = "#ef5350",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
