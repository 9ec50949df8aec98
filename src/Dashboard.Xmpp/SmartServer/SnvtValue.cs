using System.Globalization;

namespace Dashboard.Xmpp.SmartServer;

/// <summary>
/// Checks a value's text against the standard network variable type its LonFormat names, as the
/// SmartServer formats them: numbers for scalar types (<c>21.0</c>), <c>level state</c> for SNVT_switch
/// (<c>100.0 1</c>), a constant for enumerations (<c>OCCUPIED</c>). A type not known here is accepted as
/// text: the check refuses what is certainly wrong, it does not guess.
/// </summary>
public static class SnvtValue
{
    public const int MaxLength = 1024;

    private static readonly HashSet<string> Scalars = new(StringComparer.Ordinal)
    {
        "SNVT_temp", "SNVT_temp_p", "SNVT_temp_f", "SNVT_temp_diff_p", "SNVT_temp_ror", "SNVT_lev_percent", "SNVT_lev_cont",
        "SNVT_count", "SNVT_count_f", "SNVT_count_inc", "SNVT_count_inc_f", "SNVT_volt", "SNVT_volt_f", "SNVT_amp", "SNVT_amp_f",
        "SNVT_power", "SNVT_power_f", "SNVT_power_kilo", "SNVT_flow", "SNVT_flow_f", "SNVT_flow_p", "SNVT_press", "SNVT_press_f",
        "SNVT_press_p", "SNVT_rpm", "SNVT_elec_kwh", "SNVT_elec_kwh_l", "SNVT_elec_whr", "SNVT_elec_whr_f", "SNVT_lux", "SNVT_ppm",
        "SNVT_ppm_f", "SNVT_speed", "SNVT_speed_f", "SNVT_time_sec", "SNVT_time_f", "SNVT_freq_hz", "SNVT_freq_f", "SNVT_angle_deg",
        "SNVT_abs_humid", "SNVT_enthalpy", "SNVT_vol", "SNVT_vol_f", "SNVT_mass", "SNVT_mass_f", "SNVT_length", "SNVT_area",
    };

    /// <summary>Null when <paramref name="text"/> can be a value of <paramref name="lonFormat"/>; otherwise why not.</summary>
    public static string? Problem(string? lonFormat, string text)
    {
        if (text.Length > MaxLength)
        {
            return $"The value has {text.Length} characters; the most a point value may have is {MaxLength}.";
        }

        if (lonFormat == "UCPTvalueDef")
        {
            return IsConstant(text) ? null : $"'{Shorten(text)}' is not a value definition name.";
        }

        var (snvt, field) = Split(lonFormat);
        if (snvt is null)
        {
            return null;
        }

        if (field is not null || Scalars.Contains(snvt))
        {
            return IsNumber(text) ? null : $"'{Shorten(text)}' is not a number, as {snvt}{(field is null ? "" : "." + field)} needs.";
        }

        return snvt switch
        {
            "SNVT_switch" => IsSwitch(text) ? null : $"'{Shorten(text)}' is not a SNVT_switch 'level state' such as '100.0 1'.",
            "SNVT_occupancy" or "SNVT_hvac_mode" or "SNVT_lev_disc" => IsConstant(text) ? null : $"'{Shorten(text)}' is not a {snvt} constant.",
            _ => null,
        };
    }

    /// <summary><c>#0000000000000000[0].SNVT_switch.value</c> → (<c>SNVT_switch</c>, <c>value</c>).</summary>
    private static (string? Snvt, string? Field) Split(string? lonFormat)
    {
        var at = lonFormat?.IndexOf("SNVT_", StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return (null, null);
        }

        var type = lonFormat![at..];
        var dot = type.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (type, null) : (type[..dot], type[(dot + 1)..]);
    }

    private static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n);

    private static bool IsSwitch(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && IsNumber(parts[0])
            && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var state) && state is >= -1 and <= 1;
    }

    private static bool IsConstant(string text) =>
        text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ' ');

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
