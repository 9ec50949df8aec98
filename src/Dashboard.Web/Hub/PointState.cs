using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Hub;

/// <summary>The latest known value of one point, as the UI shows it. Immutable: a change is a new instance.</summary>
public sealed record PointState(
    string Name,
    string? Value,
    string? Unit,
    string? ValueDefinition,
    string? Status,
    int? Priority,
    DateTimeOffset? LastUpdate,
    DateTimeOffset ReceivedAt,
    SampleOrigin Origin)
{
    /// <summary>The value as a number when it is one, for tiles and charts.</summary>
    public double? Numeric => double.TryParse(Value, System.Globalization.NumberStyles.Float,
        System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>True when the point status is an alarm condition rather than normal.</summary>
    public bool IsAlarm => Status is not null and not "AL_NUL" and not "AL_NO_CONDITION" and not "AL_OFFLINE";
}
