using System.Threading.Channels;
using Dashboard.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

/// <summary>
/// The one path for high-rate rows (samples, presence events, SOAP exchanges, audit): callers enqueue
/// without waiting, a single loop inserts them in batches. A failed batch (database locked, read-only,
/// disk full) is kept and retried every 2 s, so nothing already accepted is lost; shutdown flushes what is
/// queued. While the database refuses writes the backlog is held in memory up to <see cref="MaxBacklog"/>
/// rows; beyond it new routine rows (samples, presence events, SOAP exchanges) are discarded and counted in
/// <see cref="Dropped"/>, while audit entries and alarm history are always accepted.
/// </summary>
public sealed partial class StoreWriter(
    IDbContextFactory<DashboardDbContext> contexts, ILogger<StoreWriter> logger, TimeProvider time) : BackgroundService
{
    /// <summary>Rows per INSERT batch; large enough to amortise the transaction, small enough to stay responsive.</summary>
    public const int BatchSize = 2000;

    /// <summary>The default bound of rows held while the database refuses writes (tens of MB of rows, minutes of a large fleet).</summary>
    public const int DefaultMaxBacklog = 50_000;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private long _backlog;
    private long _written;
    private long _dropped;
    private int _dropping;

    /// <summary>Rows accepted but not yet stored.</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>Rows stored since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Routine rows discarded since start because the backlog was at <see cref="MaxBacklog"/>.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Rows held before routine ones are discarded (audit and alarm rows are always kept).</summary>
    public int MaxBacklog { get; init; } = DefaultMaxBacklog;

    /// <summary>The error of the last failed batch, until a batch succeeds again.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the database last refused a batch (null while writes succeed).</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>Raised when writes start or stop failing, on every failed retry, and when rows start being discarded.</summary>
    public event EventHandler? StatusChanged;

    /// <summary>
    /// Raised on the writer's loop after a batch is stored, with its rows other than samples (their ids assigned), so
    /// live views learn of a row once it can be read. Handlers must not block.
    /// </summary>
    public event Action<IReadOnlyList<object>>? Stored;

    /// <summary>Queues an entity for insertion; never blocks.</summary>
    public void Enqueue(object entity)
    {
        if (Backlog >= MaxBacklog && !IsRecordOfAction(entity))
        {
            Interlocked.Increment(ref _dropped);
            if (Interlocked.Exchange(ref _dropping, 1) == 0)
            {
                Log.Discarding(logger, MaxBacklog);
                RaiseStatusChanged();
            }

            return;
        }

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
                var stored = batch.ToArray();
                batch.Clear();
                Recovered();
                RaiseStored(stored);
            }
            catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                LastError = e.GetBaseException().Message;
                FailingSince ??= time.GetUtcNow();
                Log.BatchFailed(logger, batch.Count, e);
                RaiseStatusChanged();
                if (!retry)
                {
                    return false;
                }

                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }

    /// <summary>Audit entries and alarm history are the dashboard's record of what people and plant did: never discarded.</summary>
    private static bool IsRecordOfAction(object entity) => entity is AuditEntry or Alarm or AlarmEvent;

    private void Recovered()
    {
        var wasFailing = LastError is not null;
        var wasDropping = Backlog < MaxBacklog && Interlocked.Exchange(ref _dropping, 0) == 1;
        if (!wasFailing && !wasDropping)
        {
            return;
        }

        LastError = null;
        FailingSince = null;
        Log.RecoveredLog(logger, Dropped);
        RaiseStatusChanged();
    }

    private void RaiseStored(IReadOnlyList<object> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        try
        {
            Stored?.Invoke(rows);
        }
        catch (Exception e)
        {
            Log.StatusHandlerFailed(logger, e);
        }
    }

    private void RaiseStatusChanged()
    {
        try
        {
            StatusChanged?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception e)
        {
            Log.StatusHandlerFailed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Storing {Count} rows failed; they are kept and retried")]
        public static partial void BatchFailed(ILogger logger, int count, Exception error);

        [LoggerMessage(2, LogLevel.Warning, "The store writer is stopped; a {Type} row was not accepted")]
        public static partial void Rejected(ILogger logger, string type);

        [LoggerMessage(3, LogLevel.Critical, "Shutting down with {Count} rows that the database would not take")]
        public static partial void LostAtShutdown(ILogger logger, long count);

        [LoggerMessage(4, LogLevel.Error, "The store backlog reached {Limit} rows; new samples, presence and SOAP log rows are discarded until the database takes writes again (audit and alarm rows are kept)")]
        public static partial void Discarding(ILogger logger, int limit);

        [LoggerMessage(5, LogLevel.Information, "The database takes writes again ({Dropped} routine rows discarded since start)")]
        public static partial void RecoveredLog(ILogger logger, long dropped);

        [LoggerMessage(6, LogLevel.Warning, "A store status handler failed")]
        public static partial void StatusHandlerFailed(ILogger logger, Exception error);
    }
}
