using System.Collections.Concurrent;

namespace Dashboard.Web.Live;

/// <summary>
/// The one path out for device updates. <see cref="Publish"/> never blocks the hub: each subscriber
/// collects changes on its own and is called back at most once per <see cref="LiveSubscription.MinInterval"/>
/// with everything that happened meanwhile.
/// </summary>
public sealed class LiveUpdates(TimeProvider time, ILogger<LiveUpdates> logger)
{
    private readonly ConcurrentDictionary<LiveSubscription, byte> _subscriptions = new();
    private long _published;

    /// <summary>Changes published since start.</summary>
    public long Published => Interlocked.Read(ref _published);

    public int SubscriberCount => _subscriptions.Count;

    public void Publish(LiveChange change)
    {
        Interlocked.Increment(ref _published);
        foreach (var subscription in _subscriptions.Keys)
        {
            subscription.Add(change);
        }
    }

    /// <summary>
    /// Subscribes <paramref name="onChanges"/>, called with the coalesced changes at most once per
    /// <paramref name="minInterval"/> (default 100 ms). Dispose the result to unsubscribe.
    /// </summary>
    public LiveSubscription Subscribe(Func<IReadOnlyCollection<LiveChange>, Task> onChanges, TimeSpan? minInterval = null)
    {
        var subscription = new LiveSubscription(this, onChanges, minInterval ?? LiveSubscription.MinInterval, time, logger);
        _subscriptions[subscription] = 0;
        return subscription;
    }

    internal void Remove(LiveSubscription subscription) => _subscriptions.TryRemove(subscription, out _);
}
