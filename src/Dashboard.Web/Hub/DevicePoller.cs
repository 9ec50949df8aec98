using System.Collections.Concurrent;
using System.Threading.Channels;
using Dashboard.Web.Configuration;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Live;
using Dashboard.Web.Settings;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Dashboard.Xmpp.Soap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hub;

/// <summary>
/// Reads every online device's points on the configured interval, with bounded concurrency across the
/// fleet and a per-request timeout. A device that comes online is read at once; one that fails is marked
/// Fault and backed off (1, 2, 4 … 16 intervals) without holding up the others. Points the device pushes
/// (WebBinder) are left out of the regular reads and read only on the slower safety-poll interval.
/// </summary>
public sealed partial class DevicePoller(
    IOptions<DashboardOptions> options,
    ConnectionSettingsProvider settings,
    XmppHub hub,
    DeviceRegistry registry,
    DeviceIds deviceIds,
    PointCatalog catalog,
    PointApplier applier,
    IDbContextFactory<DashboardDbContext> contexts,
    TimeProvider time,
    ILogger<DevicePoller> logger) : BackgroundService
{
    private readonly Channel<Jid> _urgent = Channel.CreateUnbounded<Jid>();
    private readonly ConcurrentDictionary<Jid, DateTimeOffset> _notBefore = new();
    private readonly ConcurrentDictionary<Jid, DateTimeOffset> _safetyPollDue = new();
    private readonly ConcurrentDictionary<Jid, byte> _inProgress = new();
    // Listings the database would not take yet; each poll of the device tries to store its points again.
    private readonly ConcurrentDictionary<Jid, IReadOnlyList<DataPoint>> _unstoredListings = new();
    private SemaphoreSlim _slots = null!;

    /// <summary>Reads a device now (outside the schedule); completes when the read is done or failed.</summary>
    public Task PollNowAsync(Jid device, CancellationToken cancellationToken) => PollAsync(device.Bare, everyPoint: true, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var polling = options.Value.Polling;
        _slots = new SemaphoreSlim(polling.MaxConcurrency);
        hub.DeviceOnline += (_, jid) => _urgent.Writer.TryWrite(jid);
        catalog.ListingWanted += (_, jid) => _urgent.Writer.TryWrite(jid);
        hub.Resynchronized += (_, _) =>
        {
            _notBefore.Clear();
            _safetyPollDue.Clear();
            foreach (var device in registry.Devices.Where(d => d.IsOnline))
            {
                _urgent.Writer.TryWrite(device.Jid);
            }
        };

        var urgent = Task.Run(() => ServeUrgentAsync(stoppingToken), stoppingToken);
        using var timer = new PeriodicTimer(settings.Current.PollInterval, time);
        void FollowInterval(object? sender, ConnectionSettings saved) => timer.Period = saved.PollInterval;
        settings.Changed += FollowInterval;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow();
                var due = registry.Devices.Where(d => d.IsOnline && (!_notBefore.TryGetValue(d.Jid, out var at) || at <= now)).ToArray();
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = polling.MaxConcurrency, CancellationToken = stoppingToken },
                    async (device, ct) => await PollAsync(device.Jid, everyPoint: false, ct).ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            settings.Changed -= FollowInterval;
        }

        await urgent.ConfigureAwait(false);
    }

    private async Task ServeUrgentAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var jid in _urgent.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                _ = PollAsync(jid, everyPoint: true, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(Jid jid, bool everyPoint, CancellationToken cancellationToken)
    {
        if (hub.SmartServers is not { } smartServers || registry.Find(jid) is not { Address: { } address } device
            || !_inProgress.TryAdd(jid, 0))
        {
            return;
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var listed = catalog.Find(jid) ?? await DiscoverAsync(smartServers, device, address, cancellationToken).ConfigureAwait(false);
            await StoreListingAsync(device, cancellationToken).ConfigureAwait(false);
            var names = NamesDue(jid, listed.Keys, everyPoint);
            if (names.Count > 0 || listed.Count == 0)
            {
                var points = names.Count == 0 ? [] : await smartServers.ReadAsync(address, names, cancellationToken).ConfigureAwait(false);
                await applier.ApplyAsync(device, points, SampleOrigin.Poll, cancellationToken).ConfigureAwait(false);
            }

            _notBefore.TryRemove(jid, out _);
        }
        catch (Exception e) when (e is SoapFault or StanzaErrorException or XmppTimeoutException or SmartServerResponseException
            or SoapFormatException or FormatException or XmppDisconnectedException)
        {
            var failed = registry.Update(jid, d => d with
            {
                LastError = e.Message,
                LastErrorAt = time.GetUtcNow(),
                ConsecutiveFailures = d.ConsecutiveFailures + 1,
            }, LiveChangeKind.Points);
            var backoff = options.Value.Polling.Interval * Math.Pow(2, Math.Min((failed?.ConsecutiveFailures ?? 1) - 1, 4));
            _notBefore[jid] = time.GetUtcNow() + backoff;
            Log.PollFailed(logger, jid, backoff.TotalSeconds, e.Message);
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The device answered; only storing what it said failed. Its live values stay, the next poll tries again.
            Log.StoreFailed(logger, jid, e.GetBaseException().Message);
        }
        finally
        {
            _slots.Release();
            _inProgress.TryRemove(jid, out _);
        }
    }

    /// <summary>
    /// The points to read now: all of them on a safety poll (due every SafetyPollInterval, or when asked for
    /// every point), otherwise only those the device does not push.
    /// </summary>
    private List<string> NamesDue(Jid jid, IEnumerable<string> listed, bool everyPoint)
    {
        var now = time.GetUtcNow();
        if (everyPoint || !_safetyPollDue.TryGetValue(jid, out var due) || now >= due)
        {
            _safetyPollDue[jid] = now + options.Value.Push.SafetyPollInterval;
            return listed.ToList();
        }

        var points = registry.Find(jid)?.Points;
        return listed.Where(n => points?.GetValueOrDefault(n)?.Delivery != PointDelivery.Push).ToList();
    }

    /// <summary>The first List of a device finds its points; they are read at once and stored by <see cref="StoreListingAsync"/>.</summary>
    private async Task<IReadOnlyDictionary<string, ListedPoint>> DiscoverAsync(SmartServerClient smartServers, DeviceState device, Jid address, CancellationToken cancellationToken)
    {
        await CheckSoapSupportAsync(device, address, cancellationToken).ConfigureAwait(false);
        var items = await smartServers.ListAsync(address, cancellationToken: cancellationToken).ConfigureAwait(false);
        var listed = catalog.SetListed(device.Jid, items);
        _unstoredListings[device.Jid] = items;
        Log.Discovered(logger, device.Jid, listed.Count);
        return listed;
    }

    /// <summary>
    /// Stores the points of a listing once. While the database refuses writes the device is still read
    /// and shown; the listing is kept and stored by a later poll, so its points are not missing for good.
    /// </summary>
    private async Task StoreListingAsync(DeviceState device, CancellationToken cancellationToken)
    {
        if (!_unstoredListings.TryGetValue(device.Jid, out var items))
        {
            return;
        }

        try
        {
            var deviceId = await deviceIds.GetAsync(device.Jid, device.Name, cancellationToken).ConfigureAwait(false);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var stored = (await db.DataPoints.Where(p => p.DeviceId == deviceId).Select(p => p.Name).ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var item in items.Where(i => !i.IsFaulted && !stored.Contains(i.Name)))
            {
                db.DataPoints.Add(new DataPointRecord
                {
                    DeviceId = deviceId,
                    Name = item.Name,
                    ItemType = item.ItemType,
                    LonFormat = item.Value?.LonFormat,
                    Unit = item.Value?.Unit,
                    Annotation = item.Annotation,
                    DiscoveredAt = time.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            _unstoredListings.TryRemove(new KeyValuePair<Jid, IReadOnlyList<DataPoint>>(device.Jid, items));
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
        {
            Log.StoreFailed(logger, device.Jid, e.GetBaseException().Message);
        }
    }

    /// <summary>
    /// XEP-0072 entities advertise SOAP in disco#info: one that answers disco without it is not a SmartServer
    /// and is marked Fault. One that does not answer disco at all is still asked: not every peer implements it.
    /// </summary>
    private async Task CheckSoapSupportAsync(DeviceState device, Jid address, CancellationToken cancellationToken)
    {
        DiscoInfo info;
        try
        {
            info = await hub.Client!.DiscoverAsync(address, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StanzaErrorException or XmppTimeoutException or XmppProtocolException)
        {
            Log.NoDisco(logger, device.Jid, e.Message);
            return;
        }

        if (!info.Supports(SoapNamespaces.DiscoFeature))
        {
            throw new SmartServerResponseException($"{device.Jid} does not advertise SOAP over XMPP ({SoapNamespaces.DiscoFeature}).");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Reading {Jid} failed; next try in {Seconds:0} s: {Reason}")]
        public static partial void PollFailed(ILogger logger, Jid jid, double seconds, string reason);

        [LoggerMessage(3, LogLevel.Information, "{Jid} did not answer disco#info ({Reason}); asking it over SOAP anyway")]
        public static partial void NoDisco(ILogger logger, Jid jid, string reason);

        [LoggerMessage(4, LogLevel.Warning, "Storing what {Jid} reported failed (its live values are kept): {Reason}")]
        public static partial void StoreFailed(ILogger logger, Jid jid, string reason);

        [LoggerMessage(2, LogLevel.Information, "Discovered {Count} points on {Jid}")]
        public static partial void Discovered(ILogger logger, Jid jid, int count);
    }
}
