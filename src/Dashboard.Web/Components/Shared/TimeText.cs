using System.Globalization;

namespace Dashboard.Web.Components.Shared;

/// <summary>How the pages write times: the server's local time, and ages a reader grasps from across a room.</summary>
public static class TimeText
{
    /// <summary>E.g. <c>2026-11-24 13:05:09</c>, in the server's time zone.</summary>
    public static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>E.g. <c>13:05:09</c>, in the server's time zone.</summary>
    public static string LocalTime(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"just now", "40 s ago", "12 min ago", "3 h ago", "2 d ago".</summary>
    public static string Age(TimeSpan age) => age switch
    {
        _ when age < TimeSpan.FromSeconds(10) => "just now",
        _ when age < TimeSpan.FromMinutes(1) => $"{(int)age.TotalSeconds} s ago",
        _ when age < TimeSpan.FromHours(1) => $"{(int)age.TotalMinutes} min ago",
        _ when age < TimeSpan.FromDays(1) => $"{(int)age.TotalHours} h ago",
        _ => $"{(int)age.TotalDays} d ago",
    };

    /// <summary>A <c>datetime-local</c> input's value, read in the server's time zone (the zone the pages show); null if it is not one.</summary>
    public static DateTimeOffset? ParseLocalInput(string? local) =>
        DateTime.TryParseExact(local, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var parsed)
            ? new DateTimeOffset(parsed)
            : null;

    /// <summary>Null when <paramref name="local"/> is empty or a date and time; otherwise what to type instead.</summary>
    public static string? ValidateLocalInput(string? local) =>
        string.IsNullOrWhiteSpace(local) || ParseLocalInput(local) is not null ? null : "Use a date and time, e.g. 2026-11-24T08:00";
}
