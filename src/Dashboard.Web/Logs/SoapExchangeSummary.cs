using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Logs;

/// <summary>A SOAP exchange without its bodies: what a log row shows until it is opened.</summary>
public sealed record SoapExchangeSummary(
    long Id, DateTimeOffset StartedAt, string Jid, string Operation, SoapOutcome Outcome, double DurationMs, string CorrelationId, string? Error);
