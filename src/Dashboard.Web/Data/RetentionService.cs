using Dashboard.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Data;

/// <summary>
/// Prunes history on a schedule: samples older than the sample retention, presence events and SOAP
/// exchanges older than the log retention. Alarms and audit entries are kept: they are the record.
/// </summary>
public sealed partial class RetentionService(IDbContextFactory<DashboardDbContext> contexts, IOptions<DashboardOptions> options,
    TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Deletes what is past retention now; returns the rows removed.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value.Storage;
        var now = time.GetUtcNow();
        var sampleCutoff = now.AddDays(-storage.SampleRetentionDays).ToUnixTimeMilliseconds();
        var logCutoff = now.AddDays(-storage.LogRetentionDays).ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // The timestamps are stored as Unix milliseconds (UnixMillisecondsConverter); compare in SQL as such.
        var removed = await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"Samples\" WHERE \"Timestamp\" < {sampleCutoff}", cancellationToken).ConfigureAwait(false);
        removed += await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"PresenceEvents\" WHERE \"At\" < {logCutoff}", cancellationToken).ConfigureAwait(false);
        removed += await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"SoapExchanges\" WHERE \"StartedAt\" < {logCutoff}", cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            Log.Pruned(logger, removed);
        }

        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or DbUpdateException)
            {
                Log.Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Retention removed {Rows} rows of history")]
        public static partial void Pruned(ILogger logger, int rows);

        [LoggerMessage(2, LogLevel.Error, "Pruning history failed; it is tried again next hour")]
        public static partial void Failed(ILogger logger, Exception error);
    }
}
