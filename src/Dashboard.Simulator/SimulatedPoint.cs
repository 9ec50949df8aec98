using System.Globalization;

namespace Dashboard.Simulator;

/// <summary>
/// One data point of a simulated SmartServer, with the SmartServer's priority rule: a write at priority P
/// takes effect only if P is at or above (numerically at or below) the current priority, and holds the
/// point until reset to 255 by Invoke. Not thread-safe: its device serialises access.
/// </summary>
public sealed class SimulatedPoint
{
    public const int LowestPriority = 255;

    public SimulatedPoint(string name, PointKind kind, string value, DateTimeOffset now)
    {
        Name = name;
        Kind = kind;
        Value = value;
        LastUpdate = now;
        ValueDefinition = DefinitionFor(kind, value);
    }

    public string Name { get; }

    public PointKind Kind { get; }

    public string Value { get; private set; }

    public string? ValueDefinition { get; private set; }

    public string Status { get; private set; } = "AL_NUL";

    public int Priority { get; private set; } = LowestPriority;

    public DateTimeOffset LastUpdate { get; private set; }

    public bool IsWritable => Kind is PointKind.Setpoint or PointKind.Switch;

    public string LonFormat => "#0000000000000000[0]." + Kind switch
    {
        PointKind.Temperature => "SNVT_temp",
        PointKind.Setpoint => "SNVT_temp_p",
        PointKind.Switch => "SNVT_switch",
        PointKind.Occupancy => "SNVT_occupancy",
        _ => "SNVT_lev_percent",
    };

    public string? Unit => Kind switch
    {
        PointKind.Temperature or PointKind.Setpoint => "°C",
        PointKind.Switch => "value, state",
        PointKind.Humidity => "%",
        _ => null,
    };

    /// <summary>The SmartServer's annotation: direction and configuration type, unless <see cref="Annotate"/> set another.</summary>
    public string Annotation => _annotation ?? (IsWritable ? "Dp_In" : "Dp_Out") + ";xsi:type=\"LON_Dp_Cfg\"";

    private string? _annotation;

    /// <summary>Replaces the annotation the point is listed with (any text an installer may have typed into the SmartServer).</summary>
    public void Annotate(string annotation) => _annotation = annotation;

    /// <summary>The first high limit of a temperature: above it the point reports <c>AL_HIGH_LMT_ALM_1</c>.</summary>
    public const double FirstHighLimit = 26.0;

    /// <summary>
    /// Moves the value as the real plant would; a point held by a write does not drift. True if it changed. Above
    /// <paramref name="secondHighLimit"/>, when there is one, a temperature reports its second high limit.
    /// </summary>
    public bool Drift(Random random, double setpoint, DateTimeOffset now, double? secondHighLimit = null)
    {
        if (Priority < LowestPriority)
        {
            return false;
        }

        var before = (Value, Status);
        switch (Kind)
        {
            case PointKind.Temperature:
                var t = Number();
                t += (setpoint - t) * 0.1 + (random.NextDouble() - 0.5) * 0.6;
                if (random.NextDouble() < 0.002)
                {
                    t = 27.5; // a heat excursion now and then, so alarms are raised and cleared
                }

                Value = Format(Math.Round(t, 1));
                var status = t > secondHighLimit ? "AL_HIGH_LMT_ALM_2" : t > FirstHighLimit ? "AL_HIGH_LMT_ALM_1" : t < 12.0 ? "AL_LOW_LMT_ALM_1" : "AL_NUL";
                // Back in range after a limit, a LonMark device reports the limit as cleared once (AL_HIGH_LMT_CLR_1).
                Status = status == "AL_NUL" && Status.Contains("_LMT_ALM_", StringComparison.Ordinal)
                    ? Status.Replace("_ALM_", "_CLR_", StringComparison.Ordinal) : status;
                break;
            case PointKind.Humidity:
                Value = Format(Math.Round(Math.Clamp(Number() + (random.NextDouble() - 0.5) * 2, 30, 60), 1));
                break;
            case PointKind.Occupancy when random.NextDouble() < 0.02:
                Value = Value == "OCCUPIED" ? "UNOCCUPIED" : "OCCUPIED";
                break;
            case PointKind.Switch when random.NextDouble() < 0.01:
                Value = Value.StartsWith("0.0", StringComparison.Ordinal) ? "100.0 1" : "0.0 0";
                break;
        }

        if (before == (Value, Status))
        {
            return false;
        }

        ValueDefinition = DefinitionFor(Kind, Value);
        LastUpdate = now;
        return true;
    }

    /// <summary>Applies a write; returns an error text (the SmartServer's per-item fault) or null.</summary>
    public string? Write(string? value, string? valueDefinition, int priority, DateTimeOffset now)
    {
        if (!IsWritable)
        {
            return "The data point is an output and cannot be written.";
        }

        if (priority is < 0 or > LowestPriority)
        {
            return $"Priority {priority} is outside 0..255.";
        }

        var parsed = Kind == PointKind.Switch ? ParseSwitch(value, valueDefinition) : ParseTemperature(value);
        if (parsed is null)
        {
            return $"'{value ?? valueDefinition}' is not a valid {LonFormat[(LonFormat.IndexOf('.', StringComparison.Ordinal) + 1)..]} value.";
        }

        if (priority > Priority)
        {
            return null; // held by a higher-priority write: accepted, not applied, as a SmartServer does
        }

        Value = parsed;
        ValueDefinition = DefinitionFor(Kind, Value);
        Priority = priority;
        LastUpdate = now;
        return null;
    }

    /// <summary>The plant sets the value (a reading, a manual override at the device): no priority rule applies.</summary>
    public void Change(string value, DateTimeOffset now)
    {
        Value = value;
        ValueDefinition = DefinitionFor(Kind, value);
        LastUpdate = now;
    }

    /// <summary>Invoke's reset: release the point to the lowest priority.</summary>
    public void ResetPriority(DateTimeOffset now)
    {
        Priority = LowestPriority;
        LastUpdate = now;
    }

    private double Number() => double.Parse(Value, CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string? ParseTemperature(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is >= -273.17 and <= 327.66
            ? Format(t) : null;

    private static string? ParseSwitch(string? value, string? valueDefinition)
    {
        if (value is null)
        {
            return valueDefinition switch
            {
                "ON" => "100.0 1",
                "OFF" => "0.0 0",
                _ => null,
            };
        }

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var level) && level is >= 0 and <= 100
            && parts[1] is "0" or "1" or "-1"
            ? $"{Format(level)} {parts[1]}" : null;
    }

    private static string? DefinitionFor(PointKind kind, string value) => kind switch
    {
        PointKind.Switch => value.EndsWith(" 1", StringComparison.Ordinal) ? "ON" : "OFF",
        PointKind.Occupancy => value,
        _ => null,
    };
}
