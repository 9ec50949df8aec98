using System.Data.Common;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Alarms;

/// <summary>
/// The open alarms (active, or cleared but unacknowledged) every page shares: read from the database once, then again
/// after each alarm change the broker reports, so a hundred open banners cost one query per change, not a hundred.
/// </summary>
public sealed partial class OpenAlarms : IDisposable
{
    private readonly IDbContextFactory<DashboardDbContext> _contexts;
    private readonly ILogger<OpenAlarms> _logger;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly LiveSubscription _subscription;
    private IReadOnlyList<AlarmRow>? _current;

    public OpenAlarms(IDbContextFactory<DashboardDbContext> contexts, LiveUpdates live, ILogger<OpenAlarms> logger)
    {
        _contexts = contexts;
        _logger = logger;
        _subscription = live.Subscribe(OnChangesAsync);
    }

    /// <summary>Raised after the open alarms were read again; handlers run on a pool thread.</summary>
    public event Action? Changed;

    /// <summary>The open alarms as last read, newest first; null until the first read.</summary>
    public IReadOnlyList<AlarmRow>? Current => Volatile.Read(ref _current);

    /// <summary>The open alarms, reading them first if nobody has yet.</summary>
    public async Task<IReadOnlyList<AlarmRow>> GetAsync(CancellationToken cancellationToken)
    {
        return Current ?? await ReloadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the open alarms from the database now.</summary>
    public async Task<IReadOnlyList<AlarmRow>> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var rows = await (
                    from a in db.Alarms.AsNoTracking()
                    where a.State != AlarmState.ClearedAcknowledged
                    join d in db.Devices on a.DeviceId equals d.Id into devices
                    from d in devices.DefaultIfEmpty()
                    orderby a.RaisedAt descending, a.Id descending
                    select new AlarmRow(a.Id, d == null ? "" : d.Jid, d == null ? "" : d.Name, a.PointName, a.Condition, a.Severity, a.State,
                        a.RaisedAt, a.ClearedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgeComment))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, rows);
            return rows;
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task OnChangesAsync(IReadOnlyCollection<LiveChange> changes)
    {
        if (!changes.Any(c => c.Kind == LiveChangeKind.Alarm))
        {
            return;
        }

        try
        {
            await ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            Log.ReloadFailed(_logger, e);
            return;
        }

        Changed?.Invoke();
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _reload.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The open alarms could not be read again; pages keep the previous list")]
        public static partial void ReloadFailed(ILogger logger, Exception error);
    }
}
