using System.Runtime.CompilerServices;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Logs;

/// <summary>
/// The Logs page's reads: filtered in SQL, newest first, at most <see cref="MaxRows"/> rows. The CSV export uses the
/// same queries, so a file holds exactly the rows the page showed.
/// </summary>
public sealed class LogQueries(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>The most rows one view (and so one export) holds.</summary>
    public const int MaxRows = 5000;

    /// <summary>The exchanges matching <paramref name="filter"/>; with <paramref name="afterId"/>, only those stored after that row.</summary>
    public async Task<List<SoapExchangeSummary>> SoapExchangesAsync(SoapExchangeFilter filter, CancellationToken cancellationToken, long afterId = 0)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await SoapExchanges(db, filter, afterId)
            .Select(s => new SoapExchangeSummary(s.Id, s.StartedAt, s.Jid, s.Operation, s.Outcome, s.DurationMs, s.CorrelationId, s.Error))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One exchange with its request and response, or null if it is gone (retention).</summary>
    public async Task<SoapExchange?> SoapExchangeAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.SoapExchanges.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The exchanges with their bodies, one at a time, for an export that never holds them all.</summary>
    public async IAsyncEnumerable<SoapExchange> StreamSoapExchangesAsync(SoapExchangeFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var exchange in SoapExchanges(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return exchange;
        }
    }

    /// <summary>The presence events matching <paramref name="filter"/>; with <paramref name="afterId"/>, only those stored after that row.</summary>
    public async Task<List<PresenceEvent>> PresenceEventsAsync(PresenceEventFilter filter, CancellationToken cancellationToken, long afterId = 0)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await PresenceEvents(db, filter, afterId).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<PresenceEvent> StreamPresenceEventsAsync(PresenceEventFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var presence in PresenceEvents(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return presence;
        }
    }

    /// <summary>The audit entries matching <paramref name="filter"/>; with <paramref name="afterId"/>, only those stored after that row.</summary>
    public async Task<List<AuditEntry>> AuditEntriesAsync(AuditEntryFilter filter, CancellationToken cancellationToken, long afterId = 0)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await AuditEntries(db, filter, afterId).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The audit entries with these ids (those still stored), oldest first.</summary>
    public async Task<List<AuditEntry>> AuditEntriesByIdAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<AuditEntry> StreamAuditEntriesAsync(AuditEntryFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entry in AuditEntries(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    private static IQueryable<SoapExchange> SoapExchanges(DashboardDbContext db, SoapExchangeFilter filter, long afterId = 0)
    {
        var query = db.SoapExchanges.AsNoTracking().Where(s => s.Id > afterId);
        if (Pattern(filter.Device) is { } device)
        {
            // A device is found by its JID or by the name it has in the directory.
            query = query.Where(s => EF.Functions.Like(s.Jid, device, LikePattern.Escape)
                || db.Devices.Any(d => d.Jid == s.Jid && EF.Functions.Like(d.Name, device, LikePattern.Escape)));
        }

        if (!string.IsNullOrWhiteSpace(filter.Operation))
        {
            var operation = filter.Operation.Trim();
            query = query.Where(s => s.Operation == operation);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(s => s.Outcome == outcome);
        }

        if (filter.From is { } from)
        {
            query = query.Where(s => s.StartedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(s => s.StartedAt <= to);
        }

        return query.OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id).Take(MaxRows);
    }

    private static IQueryable<PresenceEvent> PresenceEvents(DashboardDbContext db, PresenceEventFilter filter, long afterId = 0)
    {
        var query = db.PresenceEvents.AsNoTracking().Where(p => p.Id > afterId);
        if (Pattern(filter.Device) is { } device)
        {
            query = query.Where(p => EF.Functions.Like(p.Jid, device, LikePattern.Escape)
                || db.Devices.Any(d => d.Jid == p.Jid && EF.Functions.Like(d.Name, device, LikePattern.Escape)));
        }

        if (filter.From is { } from)
        {
            query = query.Where(p => p.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(p => p.At <= to);
        }

        return query.OrderByDescending(p => p.At).ThenByDescending(p => p.Id).Take(MaxRows);
    }

    private static IQueryable<AuditEntry> AuditEntries(DashboardDbContext db, AuditEntryFilter filter, long afterId = 0)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.Id > afterId);
        if (Pattern(filter.User) is { } user)
        {
            query = query.Where(a => EF.Functions.Like(a.User, user, LikePattern.Escape));
        }

        if (Pattern(filter.Action) is { } action)
        {
            query = query.Where(a => EF.Functions.Like(a.Action, action, LikePattern.Escape));
        }

        if (filter.Allowed is { } allowed)
        {
            query = query.Where(a => a.Allowed == allowed);
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.At <= to);
        }

        return query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(MaxRows);
    }

    private static string? Pattern(string? text) => string.IsNullOrWhiteSpace(text) ? null : LikePattern.Contains(text.Trim());
}
