using System.Threading.Channels;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

/// <summary>
/// The one path for high-rate rows (samples, presence events, SOAP exchanges, audit): callers enqueue
/// without waiting, a single loop inserts them in batches. A failed batch (database locked, disk full) is
/// kept and retried, so nothing already accepted is lost; shutdown flushes what is queued.
/// </summary>
public sealed partial class StoreWriter(
    IDbContextFactory<DashboardDbContext> contexts, ILogger<StoreWriter> logger, TimeProvider time) : BackgroundService
{
    /// <summary>Rows per INSERT batch; large enough to amortise the transaction, small enough to stay responsive.</summary>
    public const int BatchSize = 2000;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private long _backlog;
    private long _written;

    /// <summary>Rows accepted but not yet stored.</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>Rows stored since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>The error of the last failed batch, until a batch succeeds again.</summary>
    public string? LastError { get; private set; }

    /// <summary>Queues an entity for insertion; never blocks.</summary>
    public void Enqueue(object entity)
    {
        Interlocked.Increment(ref _backlog);
        if (!_queue.Writer.TryWrite(entity))
        {
            Interlocked.Decrement(ref _backlog);
            Log.Rejected(logger, entity.GetType().Name);
        }
    }

    /// <summary>Completes once everything queued before the call is stored (or the token fires).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (Backlog > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<object>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                Drain(batch);
                await StoreAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: store what is still queued, without the cancelled token.
            _queue.Writer.TryComplete();
            Drain(batch);
            while (batch.Count > 0)
            {
                if (!await StoreAsync(batch, CancellationToken.None, retry: false).ConfigureAwait(false))
                {
                    Log.LostAtShutdown(logger, Backlog);
                    return;
                }

                Drain(batch);
            }
        }
    }

    private void Drain(List<object> batch)
    {
        while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entity))
        {
            batch.Add(entity);
        }
    }

    private async Task<bool> StoreAsync(List<object> batch, CancellationToken cancellationToken, bool retry = true)
    {
        while (batch.Count > 0)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var samples = batch.OfType<Sample>().ToList();
                if (samples.Count > 0)
                {
                    await SampleBulkInsert.InsertAsync(db, samples, cancellationToken).ConfigureAwait(false);
                    batch.RemoveAll(e => e is Sample);
                    Interlocked.Add(ref _written, samples.Count);
                    Interlocked.Add(ref _backlog, -samples.Count);
                }

                db.AddRange(batch);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _written, batch.Count);
                Interlocked.Add(ref _backlog, -batch.Count);
                LastError = null;
                batch.Clear();
            }
            catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                LastError = e.GetBaseException().Message;
                Log.BatchFailed(logger, batch.Count, e);
                if (!retry)
                {
                    return false;
                }

                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Storing {Count} rows failed; they are kept and retried")]
        public static partial void BatchFailed(ILogger logger, int count, Exception error);

        [LoggerMessage(2, LogLevel.Warning, "The store writer is stopped; a {Type} row was not accepted")]
        public static partial void Rejected(ILogger logger, string type);

        [LoggerMessage(3, LogLevel.Critical, "Shutting down with {Count} rows that the database would not take")]
        public static partial void LostAtShutdown(ILogger logger, long count);
    }
}
