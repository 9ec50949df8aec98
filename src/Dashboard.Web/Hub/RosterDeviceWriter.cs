using System.Threading.Channels;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Xmpp;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hub;

/// <summary>
/// Stores the devices the hub takes in from the roster and from subscription requests, many to a
/// transaction: a fleet that subscribes at once would otherwise cost one transaction per device, each
/// reading every stored device. A batch the database refuses is kept and tried again, so no device is
/// lost while the disk is full or the file is locked.
/// </summary>
public sealed partial class RosterDeviceWriter(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, ILogger<RosterDeviceWriter> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly Channel<RosterItem> _pending = Channel.CreateUnbounded<RosterItem>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(RosterItem item) => _pending.Writer.TryWrite(item);

    /// <summary>Writes batches until <paramref name="stoppingToken"/> ends; what is still unwritten then stays in memory only.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new Dictionary<string, RosterItem>(StringComparer.Ordinal);
        try
        {
            while (batch.Count > 0 || await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_pending.Reader.TryRead(out var item))
                {
                    batch.TryAdd(item.Jid.Bare.ToString(), item);
                }

                if (await TryStoreAsync(batch, stoppingToken).ConfigureAwait(false))
                {
                    batch.Clear();
                }
                else
                {
                    await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> TryStoreAsync(Dictionary<string, RosterItem> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StoreAsync(batch, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DbUpdateException e) when (e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } && attempt < 3)
            {
                // A device of the batch was stored meanwhile (a poll or an Admin's add): read the known ones again.
            }
            catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
            {
                Log.StoreFailed(logger, batch.Count, RetryDelay.TotalSeconds, e);
                return false;
            }
        }
    }

    private async Task StoreAsync(Dictionary<string, RosterItem> batch, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var jids = batch.Keys.ToArray();
        var known = await db.Devices.Where(d => jids.Contains(d.Jid)).Select(d => d.Jid).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        foreach (var (jid, item) in batch.Where(b => !known.Contains(b.Key)))
        {
            db.Devices.Add(new Device { Jid = jid, Name = item.Name ?? item.Jid.Local ?? jid, Source = DeviceSource.Roster, AddedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Storing {Count} devices from the roster failed; they stay in memory and are tried again in {DelaySeconds} s")]
        public static partial void StoreFailed(ILogger logger, int count, double delaySeconds, Exception error);
    }
}
