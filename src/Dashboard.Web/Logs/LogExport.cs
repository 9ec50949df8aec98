using System.Globalization;
using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;

namespace Dashboard.Web.Logs;

/// <summary>
/// Writes a log view as CSV, row by row as it is read, for an Operator or Admin; anyone else is refused and audited
/// before a byte is written. Each export is audited with its filter.
/// </summary>
public sealed class LogExport(LogQueries queries, ActionGuard guard, StoreWriter store, TimeProvider time)
{
    public const string Action = "logs.export";

    private static readonly string[] SoapHeader = ["started_at", "device", "operation", "outcome", "duration_ms", "correlation_id", "error", "request", "response"];
    private static readonly string[] PresenceHeader = ["at", "device", "availability", "status"];
    private static readonly string[] AuditHeader = ["at", "user", "action", "target", "allowed", "details", "correlation_id"];

    /// <summary>Returns the number of rows written.</summary>
    public async Task<int> WriteSoapExchangesAsync(SoapExchangeFilter filter, ClaimsPrincipal requester, TextWriter output, CancellationToken cancellationToken)
    {
        await DemandAsync(requester, "soap exchanges", LogFilterQuery.ToQuery(filter)).ConfigureAwait(false);
        var csv = new CsvWriter(output);
        await csv.WriteRowAsync(SoapHeader, cancellationToken).ConfigureAwait(false);
        var rows = 0;
        await foreach (var s in queries.StreamSoapExchangesAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            await csv.WriteRowAsync([Time(s.StartedAt), s.Jid, s.Operation, s.Outcome.ToString(), s.DurationMs.ToString("0.###", CultureInfo.InvariantCulture),
                s.CorrelationId, s.Error, s.Request, s.Response], cancellationToken).ConfigureAwait(false);
            rows++;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Returns the number of rows written.</summary>
    public async Task<int> WritePresenceEventsAsync(PresenceEventFilter filter, ClaimsPrincipal requester, TextWriter output, CancellationToken cancellationToken)
    {
        await DemandAsync(requester, "presence events", LogFilterQuery.ToQuery(filter)).ConfigureAwait(false);
        var csv = new CsvWriter(output);
        await csv.WriteRowAsync(PresenceHeader, cancellationToken).ConfigureAwait(false);
        var rows = 0;
        await foreach (var p in queries.StreamPresenceEventsAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            await csv.WriteRowAsync([Time(p.At), p.Jid, p.Availability, p.Status], cancellationToken).ConfigureAwait(false);
            rows++;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Returns the number of rows written.</summary>
    public async Task<int> WriteAuditEntriesAsync(AuditEntryFilter filter, ClaimsPrincipal requester, TextWriter output, CancellationToken cancellationToken)
    {
        await DemandAsync(requester, "audit entries", LogFilterQuery.ToQuery(filter)).ConfigureAwait(false);
        var csv = new CsvWriter(output);
        await csv.WriteRowAsync(AuditHeader, cancellationToken).ConfigureAwait(false);
        var rows = 0;
        await foreach (var a in queries.StreamAuditEntriesAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            await csv.WriteRowAsync([Time(a.At), a.User, a.Action, a.Target, a.Allowed ? "true" : "false", a.Details, a.CorrelationId], cancellationToken)
                .ConfigureAwait(false);
            rows++;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private async Task DemandAsync(ClaimsPrincipal requester, string target, string filter)
    {
        var user = await guard.DemandAsync(requester, DashboardPolicies.Operate, Action, target).ConfigureAwait(false);
        store.Enqueue(new AuditEntry
        {
            At = time.GetUtcNow(), User = user, Action = Action, Target = target, Details = filter.Length == 0 ? "no filter" : filter, Allowed = true,
        });
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
