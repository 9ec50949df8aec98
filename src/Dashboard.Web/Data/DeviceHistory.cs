using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

/// <summary>Averages of a point's numeric samples over one time bucket.</summary>
public sealed record HistoryBucket(DateTimeOffset Start, double Average, double Minimum, double Maximum, int Count);

/// <summary>A device's availability changed at <see cref="At"/>.</summary>
public sealed record PresenceChange(DateTimeOffset At, string Availability, string? Status);

/// <summary>
/// A device's stored past: its presence changes and its points' numeric history. Charts get bucketed
/// averages computed by SQLite (GROUP BY over the (DeviceId, PointName, Timestamp) index), never all rows.
/// </summary>
public sealed class DeviceHistory(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>The most recent presence changes of <paramref name="device"/>, newest first.</summary>
    public async Task<IReadOnlyList<PresenceChange>> PresenceAsync(Jid device, int limit, CancellationToken cancellationToken)
    {
        var key = device.Bare.ToString();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.PresenceEvents.AsNoTracking()
            .Where(e => e.Jid == key)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(limit)
            .Select(e => new PresenceChange(e.At, e.Availability, e.Status))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="point"/>'s numeric samples in [<paramref name="from"/>, <paramref name="to"/>) averaged into
    /// <paramref name="buckets"/> equal buckets; empty buckets are left out.
    /// </summary>
    public async Task<IReadOnlyList<HistoryBucket>> BucketsAsync(Jid device, string point, DateTimeOffset from, DateTimeOffset to, int buckets,
        CancellationToken cancellationToken)
    {
        var all = await QueryAsync(device, point, from, to, buckets, cancellationToken).ConfigureAwait(false);
        return all.TryGetValue(point, out var series) ? series : [];
    }

    /// <summary>Every numeric point of <paramref name="device"/> bucketed like <see cref="BucketsAsync"/>, in one query: the sparklines.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryBucket>>> AllPointsAsync(Jid device, DateTimeOffset from, DateTimeOffset to, int buckets,
        CancellationToken cancellationToken) => QueryAsync(device, null, from, to, buckets, cancellationToken);

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryBucket>>> QueryAsync(Jid device, string? point, DateTimeOffset from,
        DateTimeOffset to, int buckets, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(to, from);
        var key = device.Bare.ToString();
        var (start, end) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var width = Math.Max(1, (end - start + buckets - 1) / buckets);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var deviceId = await db.Devices.AsNoTracking().Where(d => d.Jid == key).Select(d => (int?)d.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (deviceId is null)
        {
            return new Dictionary<string, IReadOnlyList<HistoryBucket>>(StringComparer.Ordinal);
        }

        // Integer division puts each sample in its bucket; the interpolated values become SQL parameters.
        var rows = await db.Database.SqlQuery<BucketRow>($"""
            SELECT "PointName", ("Timestamp" - {start}) / {width} AS "Bucket",
                   AVG("Numeric") AS "Average", MIN("Numeric") AS "Minimum", MAX("Numeric") AS "Maximum", COUNT(*) AS "Count"
            FROM "Samples"
            WHERE "DeviceId" = {deviceId.Value} AND ({point} IS NULL OR "PointName" = {point})
              AND "Timestamp" >= {start} AND "Timestamp" < {end} AND "Numeric" IS NOT NULL
            GROUP BY "PointName", "Bucket"
            ORDER BY "PointName", "Bucket"
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(r => r.PointName, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<HistoryBucket>)g.Select(r => new HistoryBucket(
                DateTimeOffset.FromUnixTimeMilliseconds(start + (r.Bucket * width)), r.Average, r.Minimum, r.Maximum, r.Count)).ToArray(),
            StringComparer.Ordinal);
    }

    private sealed record BucketRow(string PointName, long Bucket, double Average, double Minimum, double Maximum, int Count);
}
