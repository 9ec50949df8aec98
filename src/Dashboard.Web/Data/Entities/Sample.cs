namespace Dashboard.Web.Data.Entities;

/// <summary>One reading of a point: the history behind charts and sparklines. Append-only.</summary>
public sealed class Sample
{
    public long Id { get; set; }

    public int DeviceId { get; set; }

    public required string PointName { get; set; }

    /// <summary>When the device says the value changed (its <c>UCPTlastUpdate</c>), else when it was read.</summary>
    public DateTimeOffset Timestamp { get; set; }

    public required string Value { get; set; }

    /// <summary>The value as a number when it has one (temperatures, setpoints), for charts.</summary>
    public double? Numeric { get; set; }

    public string? ValueDefinition { get; set; }

    public string? Status { get; set; }

    public int? Priority { get; set; }

    public SampleOrigin Origin { get; set; }
}

/// <summary>How a value reached the dashboard.</summary>
public enum SampleOrigin
{
    Poll,
    Push,
    Write,
}
