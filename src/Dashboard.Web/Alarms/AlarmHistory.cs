using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Alarms;

/// <summary>The append-only alarm events, filtered in SQL, newest first, at most <see cref="MaxRows"/>.</summary>
public sealed class AlarmHistory(IDbContextFactory<DashboardDbContext> contexts)
{
    public const int MaxRows = 2000;

    /// <summary>The events matching <paramref name="filter"/> (state is the state the event entered).</summary>
    public async Task<IReadOnlyList<AlarmHistoryEntry>> QueryAsync(AlarmFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows =
            from e in db.AlarmEvents.AsNoTracking()
            join a in db.Alarms on e.AlarmId equals a.Id
            join d in db.Devices on a.DeviceId equals d.Id into devices
            from d in devices.DefaultIfEmpty()
            select new { e, a, Jid = d == null ? "" : d.Jid, Name = d == null ? "" : d.Name };
        if (filter.Severities.Count > 0)
        {
            var severities = filter.Severities.ToArray();
            rows = rows.Where(r => severities.Contains(r.a.Severity));
        }

        if (filter.States.Count > 0)
        {
            var states = filter.States.ToArray();
            rows = rows.Where(r => states.Contains(r.e.State));
        }

        if (!string.IsNullOrWhiteSpace(filter.Device))
        {
            var pattern = LikePattern.Contains(filter.Device.Trim());
            rows = rows.Where(r => EF.Functions.Like(r.Name, pattern, LikePattern.Escape) || EF.Functions.Like(r.Jid, pattern, LikePattern.Escape));
        }

        if (filter.From is { } from)
        {
            rows = rows.Where(r => r.e.At >= from);
        }

        if (filter.To is { } to)
        {
            rows = rows.Where(r => r.e.At <= to);
        }

        return await rows.OrderByDescending(r => r.e.At).ThenByDescending(r => r.e.Id).Take(MaxRows)
            .Select(r => new AlarmHistoryEntry(r.e.Id, r.a.Id, r.e.At, r.e.State, r.e.User, r.e.Comment, r.Jid, r.Name, r.a.PointName,
                r.a.Condition, r.a.Severity))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
