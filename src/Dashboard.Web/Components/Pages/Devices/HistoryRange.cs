namespace Dashboard.Web.Components.Pages.Devices;

/// <summary>A span of history to chart and how many averages it is drawn from.</summary>
public sealed record HistoryRange(string Label, TimeSpan Span, int Buckets)
{
    public static readonly HistoryRange Hour = new("1 h", TimeSpan.FromHours(1), 60);
    public static readonly HistoryRange Day = new("24 h", TimeSpan.FromDays(1), 96);
    public static readonly HistoryRange Week = new("7 d", TimeSpan.FromDays(7), 84);

    public static IReadOnlyList<HistoryRange> All { get; } = [Hour, Day, Week];
}
