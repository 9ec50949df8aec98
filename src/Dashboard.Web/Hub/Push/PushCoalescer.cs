using System.Collections.Concurrent;
using Dashboard.Web.Configuration;
using Dashboard.Web.Data.Entities;
using Dashboard.Xmpp;
using Dashboard.Xmpp.SmartServer;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hub.Push;

/// <summary>
/// Pushed values from every device, each device in its own <see cref="DevicePushQueue"/>: a runaway
/// binding is slowed to its device's rate (its latest values kept), and it cannot hold up other devices.
/// </summary>
public sealed partial class PushCoalescer(
    PointApplier applier, DeviceRegistry registry, IOptions<DashboardOptions> options, TimeProvider time, ILogger<PushCoalescer> logger)
    : IDisposable
{
    private readonly ConcurrentDictionary<Jid, DevicePushQueue> _queues = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _submitted;
    private long _coalesced;
    private long _applied;

    /// <summary>Values handed in since start.</summary>
    public long Submitted => Interlocked.Read(ref _submitted);

    /// <summary>Values replaced by a newer one for the same point before they were applied.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    /// <summary>Values that changed (or confirmed) a point.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    public void Submit(Jid device, IReadOnlyCollection<DataPoint> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        var queue = _queues.GetOrAdd(device.Bare, jid => new DevicePushQueue(options.Value.Push.MaxUpdatesPerSecond,
            batch => ApplyAsync(jid, batch), time, _stopping.Token));
        Interlocked.Add(ref _submitted, points.Count);
        var coalesced = queue.Submit(points);
        if (coalesced > 0 && Interlocked.Add(ref _coalesced, coalesced) % 1000 < coalesced)
        {
            Log.Coalescing(logger, device.Bare, Coalesced);
        }
    }

    private async Task ApplyAsync(Jid device, IReadOnlyList<DataPoint> batch)
    {
        if (registry.Find(device) is not { } state)
        {
            return; // removed while its values waited
        }

        try
        {
            var applied = await applier.ApplyAsync(state, batch, SampleOrigin.Push, _stopping.Token).ConfigureAwait(false);
            Interlocked.Add(ref _applied, applied);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // One failed update (the database busy for the device id) must not stop the device's queue.
            Log.ApplyFailed(logger, device, e);
        }
    }

    /// <summary>Stops the queues at shutdown. The source is cancelled, not disposed: late Writes may still read its token.</summary>
    public void Dispose() => _stopping.Cancel();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Jid} pushes faster than its update rate; values are coalesced ({Coalesced} so far across all devices)")]
        public static partial void Coalescing(ILogger logger, Jid jid, long coalesced);

        [LoggerMessage(2, LogLevel.Error, "Applying values pushed by {Jid} failed")]
        public static partial void ApplyFailed(ILogger logger, Jid jid, Exception error);
    }
}
