namespace Dashboard.Web.Live;

/// <summary>
/// One subscriber's view of the change stream: identical changes are coalesced, and the callback runs
/// at most once per interval, never twice at the same time, so a flapping device cannot flood a browser.
/// </summary>
public sealed partial class LiveSubscription : IDisposable
{
    /// <summary>The default: about ten renders a second at most.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    private readonly LiveUpdates _owner;
    private readonly Func<IReadOnlyCollection<LiveChange>, Task> _onChanges;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private HashSet<LiveChange> _pending = [];
    private bool _scheduled;
    private bool _disposed;
    private long _lastDelivery;
    private ITimer? _timer;
    private long _deliveries;

    internal LiveSubscription(LiveUpdates owner, Func<IReadOnlyCollection<LiveChange>, Task> onChanges, TimeSpan interval,
        TimeProvider time, ILogger logger)
    {
        _owner = owner;
        _onChanges = onChanges;
        _interval = interval;
        _time = time;
        _logger = logger;
        _lastDelivery = time.GetTimestamp() - (long)(interval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>How often the callback ran: with coalescing, far fewer than the changes published.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>True while a delivery is scheduled or running.</summary>
    public bool IsDelivering
    {
        get
        {
            lock (_gate)
            {
                return _scheduled;
            }
        }
    }

    internal void Add(LiveChange change)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending.Add(change);
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
            var wait = _interval - _time.GetElapsedTime(_lastDelivery);
            if (wait <= TimeSpan.Zero)
            {
                // Quiet until now: the first change goes out at once, latency matters more than batching.
                _ = Task.Run(DeliverAsync);
                return;
            }

            _timer?.Dispose();
            _timer = _time.CreateTimer(_ => _ = DeliverAsync(), null, wait, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task DeliverAsync()
    {
        HashSet<LiveChange> batch;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        try
        {
            Interlocked.Increment(ref _deliveries);
            await _onChanges(batch).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.CallbackFailed(_logger, e);
        }
        finally
        {
            bool more;
            lock (_gate)
            {
                _lastDelivery = _time.GetTimestamp();
                _scheduled = false;
                more = _pending.Count > 0 && !_disposed;
            }

            // Changes that arrived while the callback ran are delivered one interval later.
            if (more)
            {
                Reschedule();
            }
        }
    }

    private void Reschedule()
    {
        lock (_gate)
        {
            if (_scheduled || _disposed)
            {
                return;
            }

            _scheduled = true;
            _timer?.Dispose();
            _timer = _time.CreateTimer(_ => _ = DeliverAsync(), null, _interval, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _pending.Clear();
        }

        _owner.Remove(this);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A live-update subscriber failed; it stays subscribed")]
        public static partial void CallbackFailed(ILogger logger, Exception error);
    }
}
