using System.Globalization;

namespace Dashboard.Xmpp.SmartServer;

/// <summary>One <c>UCPTvalue</c>: its text, its LonFormat (which field of which SNVT) and unit.</summary>
public sealed record DataPointValue(string Text, string? LonFormat, string? Unit)
{
    /// <summary>The value definition (<c>OFF</c>, <c>OCCUPIED</c>) is a UCPTvalue with LonFormat UCPTvalueDef.</summary>
    public bool IsValueDefinition => LonFormat == "UCPTvalueDef";
}

/// <summary>
/// A SmartServer item as List/Read/Write responses carry it: the point's name, type, values, status,
/// priority and last update, or the fault the SmartServer reported for it (its text and, when given, its code).
/// </summary>
public sealed record DataPoint(
    string Name,
    string? ItemType,
    string? Annotation,
    IReadOnlyList<DataPointValue> Values,
    string? Status,
    int? Priority,
    DateTimeOffset? LastUpdate,
    string? Fault,
    ItemFaultCode? FaultCode = null)
{
    /// <summary>The whole value: the first UCPTvalue that is not the value definition.</summary>
    public DataPointValue? Value => Values.FirstOrDefault(v => !v.IsValueDefinition);

    /// <summary>The value definition text (<c>ON</c>, <c>OCCUPIED</c>), when the point has one.</summary>
    public string? ValueDefinition => Values.FirstOrDefault(v => v.IsValueDefinition)?.Text;

    /// <summary>The SNVT named by the value's LonFormat (<c>#…[0].SNVT_temp</c> → <c>SNVT_temp</c>).</summary>
    public string? Snvt => Value?.LonFormat is { } format && format.LastIndexOf('.') is var dot and >= 0 ? format[(dot + 1)..] : null;

    public bool IsFaulted => Fault is not null;

    /// <summary>True when the status is an alarm condition (<see cref="PointStatus.IsAlarm"/>).</summary>
    public bool IsAlarm => PointStatus.IsAlarm(Status);

    /// <summary>The value as a number (SNVT_temp "21.0"); throws <see cref="PointValueFormatException"/> if it is not one.</summary>
    public double Numeric()
    {
        var text = Value?.Text ?? throw new PointValueFormatException(Name, "", "a number");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number : throw new PointValueFormatException(Name, text, "a number");
    }

    /// <summary>A SNVT_switch "value state" (e.g. <c>100.0 1</c>): level in percent and state.</summary>
    public (double Level, int State) Switch()
    {
        var text = Value?.Text ?? "";
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var level)
            && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var state)
            ? (level, state) : throw new PointValueFormatException(Name, text, "a SNVT_switch 'value state'");
    }
}

/// <summary>A value to write: the value text and/or value definition, at a priority (0 highest, 255 lowest).</summary>
public sealed record PointWrite(string Name, string? Value, string? ValueDefinition = null, int Priority = 255)
{
    public PointWrite Validated()
    {
        PointName.Validate(Name);
        if (Priority is < 0 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(Priority), Priority, "A SmartServer priority is 0 (highest) to 255 (lowest).");
        }

        if (Value is null && ValueDefinition is null)
        {
            throw new ArgumentException("A write needs a value or a value definition.", nameof(Value));
        }

        return this;
    }
}

/// <summary>The answer to a Write: the points accepted and the per-item faults.</summary>
public sealed record WriteResult(IReadOnlyList<string> Accepted, IReadOnlyDictionary<string, string> Faults);
