using Dashboard.Web.Data.Entities;

namespace Dashboard.Web.Logs;

/// <summary>What the SOAP exchange log narrows to; null means "any". Times are inclusive.</summary>
public sealed record SoapExchangeFilter(
    string? Device = null, string? Operation = null, SoapOutcome? Outcome = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>What the presence log narrows to; null means "any".</summary>
public sealed record PresenceEventFilter(string? Device = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>What the audit log narrows to; null means "any". <see cref="Allowed"/> false keeps only refusals.</summary>
public sealed record AuditEntryFilter(
    string? User = null, string? Action = null, bool? Allowed = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
