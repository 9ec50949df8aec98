using System.Globalization;
using Dashboard.Xmpp.SmartServer;

namespace Dashboard.Web.Hub;

/// <summary>How a setpoint is entered for a point.</summary>
public enum SetpointKind
{
    /// <summary>A number (SNVT_temp_p, SNVT_lev_percent, …).</summary>
    Numeric,

    /// <summary>A SNVT_switch: <c>value state</c>, level 0–100 % and state 0, 1 or -1.</summary>
    Switch,

    /// <summary>Anything else (an enumeration such as <c>OCCUPIED</c>): sent as typed.</summary>
    Text,
}

/// <summary>The result of checking a setpoint: the value to send, or why it cannot be sent.</summary>
public sealed record SetpointCheck(string? Value, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Checks a setpoint before it is sent, so an obvious typo is caught in the dialog rather than by the device.
/// Ranges are the SNVT definitions' (LonMark SNVT master list) for the types the dashboard meets; other types
/// are only checked for form, and the device remains the final judge.
/// </summary>
public static class SetpointRules
{
    public const int MaxTextLength = 256;

    private static readonly Dictionary<string, (double Min, double Max)> Ranges = new(StringComparer.Ordinal)
    {
        ["SNVT_temp"] = (-274.0, 6279.5),
        ["SNVT_temp_p"] = (-273.17, 327.66),
        ["SNVT_lev_percent"] = (-163.84, 163.83),
        ["SNVT_lev_cont"] = (0, 100),
        ["SNVT_rh"] = (0, 100),
        ["SNVT_count"] = (0, 65535),
    };

    public static SetpointKind KindOf(PointState point, string? snvt)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (snvt == "SNVT_switch" || (snvt is null && point.Unit == "value, state"))
        {
            return SetpointKind.Switch;
        }

        return snvt is not null && Ranges.ContainsKey(snvt) || point.Numeric is not null ? SetpointKind.Numeric : SetpointKind.Text;
    }

    /// <summary>The valid range of a numeric point, when its SNVT is known.</summary>
    public static (double Min, double Max)? RangeOf(string? snvt) => snvt is not null && Ranges.TryGetValue(snvt, out var range) ? range : null;

    public static SetpointCheck Check(PointState point, string? snvt, string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new SetpointCheck(null, "Enter a value.");
        }

        return KindOf(point, snvt) switch
        {
            SetpointKind.Numeric => CheckNumber(text, RangeOf(snvt)),
            SetpointKind.Switch => CheckSwitch(text),
            _ when text.Length > MaxTextLength || text.Any(char.IsControl) => new SetpointCheck(null, $"Enter at most {MaxTextLength} printable characters."),
            _ when SnvtValue.Problem(snvt, text) is { } problem => new SetpointCheck(null, problem),
            _ => new SetpointCheck(text, null),
        };
    }

    public static string? CheckPriority(int? priority) =>
        priority is null or < 0 or > 255 ? "Priority is 0 (highest) to 255 (lowest)." : null;

    private static SetpointCheck CheckNumber(string text, (double Min, double Max)? range)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return new SetpointCheck(null, "Enter a number, with a point for decimals (e.g. 21.5).");
        }

        if (range is { } r && (number < r.Min || number > r.Max))
        {
            return new SetpointCheck(null, string.Create(CultureInfo.InvariantCulture, $"Enter a number from {r.Min} to {r.Max}."));
        }

        return new SetpointCheck(number.ToString(CultureInfo.InvariantCulture), null);
    }

    private static SetpointCheck CheckSwitch(string text)
    {
        const string Format = "Enter 'value state': a level from 0 to 100 and a state 0 (off), 1 (on) or -1 (invalid), e.g. '100.0 1'.";
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var level) || level is < 0 or > 100
            || parts[1] is not ("0" or "1" or "-1"))
        {
            return new SetpointCheck(null, Format);
        }

        return new SetpointCheck(string.Create(CultureInfo.InvariantCulture, $"{level:0.0} {parts[1]}"), null);
    }
}
