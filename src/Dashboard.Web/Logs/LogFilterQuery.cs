using System.Globalization;
using Dashboard.Web.Data.Entities;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Web.Logs;

/// <summary>The log filters as query strings, so the page's export link carries exactly the filter on screen.</summary>
public static class LogFilterQuery
{
    public static string ToQuery(SoapExchangeFilter filter) => Build(
        ("device", filter.Device), ("operation", filter.Operation), ("outcome", filter.Outcome?.ToString()), ("from", Time(filter.From)), ("to", Time(filter.To)));

    public static string ToQuery(PresenceEventFilter filter) => Build(("device", filter.Device), ("from", Time(filter.From)), ("to", Time(filter.To)));

    public static string ToQuery(AuditEntryFilter filter) => Build(
        ("user", filter.User), ("action", filter.Action), ("allowed", filter.Allowed?.ToString(CultureInfo.InvariantCulture).ToLowerInvariant()),
        ("from", Time(filter.From)), ("to", Time(filter.To)));

    /// <exception cref="LogFilterException">A value is not what its parameter takes.</exception>
    public static SoapExchangeFilter SoapExchanges(IQueryCollection query) => new(
        Text(query, "device"), Text(query, "operation"), Outcome(query), Time(query, "from"), Time(query, "to"));

    /// <exception cref="LogFilterException">A value is not what its parameter takes.</exception>
    public static PresenceEventFilter PresenceEvents(IQueryCollection query) => new(Text(query, "device"), Time(query, "from"), Time(query, "to"));

    /// <exception cref="LogFilterException">A value is not what its parameter takes.</exception>
    public static AuditEntryFilter AuditEntries(IQueryCollection query) => new(
        Text(query, "user"), Text(query, "action"), Allowed(query), Time(query, "from"), Time(query, "to"));

    private const int MaxTextLength = 200;

    private static string Build(params (string Key, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => (string?)p.Value!.Trim());
        return QueryHelpers.AddQueryString("", present);
    }

    private static string? Time(DateTimeOffset? at) => at?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string? Text(IQueryCollection query, string key)
    {
        var value = Single(query, key);
        if (value is { Length: > MaxTextLength })
        {
            throw new LogFilterException($"'{key}' is longer than {MaxTextLength} characters.");
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static DateTimeOffset? Time(IQueryCollection query, string key) => Single(query, key) switch
    {
        null or "" => null,
        var text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
        _ => throw new LogFilterException($"'{key}' is not a date and time (ISO 8601, e.g. 2026-11-24T08:00:00Z)."),
    };

    private static SoapOutcome? Outcome(IQueryCollection query) => Single(query, "outcome") switch
    {
        null or "" => null,
        var text when Enum.TryParse<SoapOutcome>(text, ignoreCase: true, out var outcome) && Enum.IsDefined(outcome) => outcome,
        _ => throw new LogFilterException($"'outcome' must be one of {string.Join(", ", Enum.GetNames<SoapOutcome>())}."),
    };

    private static bool? Allowed(IQueryCollection query) => Single(query, "allowed") switch
    {
        null or "" => null,
        var text when bool.TryParse(text, out var allowed) => allowed,
        _ => throw new LogFilterException("'allowed' must be true or false."),
    };

    private static string? Single(IQueryCollection query, string key)
    {
        var values = query.TryGetValue(key, out var found) ? found : StringValues.Empty;
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new LogFilterException($"'{key}' is given more than once."),
        };
    }
}
