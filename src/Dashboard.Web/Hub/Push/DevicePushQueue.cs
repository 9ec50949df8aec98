using Dashboard.Xmpp.SmartServer;

namespace Dashboard.Web.Hub.Push;

/// <summary>
/// One device's pushed values on their way into the registry. Values are applied at once while the device
/// stays within its rate (a token bucket of <c>MaxUpdatesPerSecond</c>); beyond it they wait, and each
/// point keeps only its latest value (by <c>UCPTlastUpdate</c>) until the next update is allowed. One
/// update runs at a time per device, so a device's values are applied in order.
/// </summary>
internal sealed class DevicePushQueue(int updatesPerSecond, Func<IReadOnlyList<DataPoint>, Task> apply, TimeProvider time, CancellationToken stopping)
{
    private readonly Lock _gate = new();
    private Dictionary<string, DataPoint> _pending = new(StringComparer.Ordinal);
    private bool _running;
    private double _tokens = updatesPerSecond;
    private long _refilledAt = time.GetTimestamp();

    /// <summary>Queues values; returns how many replaced (or lost to) a value already waiting for the same point.</summary>
    public int Submit(IEnumerable<DataPoint> points)
    {
        var coalesced = 0;
        bool start;
        lock (_gate)
        {
            foreach (var point in points)
            {
                if (_pending.TryGetValue(point.Name, out var waiting))
                {
                    coalesced++;
                    if (waiting.LastUpdate is { } queued && point.LastUpdate is { } at && at < queued)
                    {
                        continue; // an older value arriving late: the newer one stays
                    }
                }

                _pending[point.Name] = point;
            }

            start = !_running && _pending.Count > 0;
            _running |= start;
        }

        if (start)
        {
            _ = Task.Run(RunAsync, CancellationToken.None);
        }

        return coalesced;
    }

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var wait = TakeToken();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            DataPoint[] batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    return;
                }

                batch = [.. _pending.Values];
                _pending = new Dictionary<string, DataPoint>(StringComparer.Ordinal);
            }

            await apply(batch).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _running = false;
        }
    }

    /// <summary>Takes a token if one is there (zero wait), else says how long until the next one.</summary>
    private TimeSpan TakeToken()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(updatesPerSecond, _tokens + Math.Max(0, time.GetElapsedTime(_refilledAt, now).TotalSeconds) * updatesPerSecond);
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return TimeSpan.Zero;
        }

        var wait = TimeSpan.FromSeconds((1 - _tokens) / updatesPerSecond);
        _tokens = 0;
        _refilledAt = now + (long)(wait.TotalSeconds * time.TimestampFrequency);
        return wait;
    }
}
