using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// The dashboard's MudBlazor theme: calm neutrals, colour kept for abnormal states; every colour and the text on it
/// at least 4.5:1 (WCAG AA) in both palettes.
/// </summary>
public static class DashboardTheme
{
    private const string OnLightColour = "#0b0f14";

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1e5aa8",
            AppbarBackground = "#1e3a5f",
            Success = "#2e7d32",
            Info = "#1769aa",
            Warning = "#9a5b00",
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
            // The dark theme's colours are light: text on them is dark (white on #ffb74d is 1.9:1, on #ef5350 3.5:1).
            PrimaryContrastText = OnLightColour,
            InfoContrastText = OnLightColour,
            SuccessContrastText = OnLightColour,
            WarningContrastText = OnLightColour,
            ErrorContrastText = OnLightColour,
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
