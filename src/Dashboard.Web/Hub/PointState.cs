using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Hub;

/// <summary>
/// The latest known value of one point, as the UI shows it. Immutable: a change is a new instance.
/// <see cref="ReceivedAt"/> is when the dashboard last got or confirmed the value; <see cref="FreshFor"/>,
/// when set, is how long that counts as fresh instead of the poll interval's rule (a pushed value is kept
/// fresh by the binding and the slow safety poll, not by the regular poll).
/// </summary>
public sealed record PointState(
    string Name,
    string? Value,
    string? Unit,
    string? ValueDefinition,
    string? Status,
    int? Priority,
    DateTimeOffset? LastUpdate,
    DateTimeOffset ReceivedAt,
    SampleOrigin Origin,
    PointDelivery Delivery = PointDelivery.Poll,
    TimeSpan? FreshFor = null)
{
    /// <summary>The value as a number when it is one, for tiles and charts.</summary>
    public double? Numeric => double.TryParse(Value, System.Globalization.NumberStyles.Float,
        System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>True when the point status is an alarm condition rather than normal.</summary>
    public bool IsAlarm => Xmpp.SmartServer.PointStatus.IsAlarm(Status);
}
