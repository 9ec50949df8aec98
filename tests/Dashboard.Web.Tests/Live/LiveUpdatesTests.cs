using Dashboard.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Live;

public sealed class LiveUpdatesTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Publish_BurstWithinOneInterval_IsDeliveredOnceCoalesced()
    {
        var live = new LiveUpdates(_time, NullLogger<LiveUpdates>.Instance);
        var deliveries = new List<IReadOnlyCollection<LiveChange>>();
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = live.Subscribe(changes =>
        {
            deliveries.Add(changes);
            delivered.TrySetResult();
            return Task.CompletedTask;
        });

        live.Publish(new LiveChange(LiveChangeKind.Presence, "first@xmpp.test"));
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken); // the first goes out at once
        await WaitUntilIdleAsync(subscription);
        delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 1000; i++)
        {
            live.Publish(new LiveChange(LiveChangeKind.Presence, $"device{i % 10}@xmpp.test"));
        }

        Assert.False(delivered.Task.IsCompleted);
        _time.Advance(LiveSubscription.MinInterval);
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal(2, subscription.Deliveries);
        Assert.Equal(10, deliveries[^1].Count);
    }

    /// <summary>The first delivery's bookkeeping (its end time) completes just after its callback returns.</summary>
    private static async Task WaitUntilIdleAsync(LiveSubscription subscription)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (subscription.IsDelivering)
        {
            Assert.True(DateTime.UtcNow < deadline, "the subscription did not finish its delivery");
            await Task.Yield();
        }
    }

    [Fact]
    public async Task Publish_FirstChange_IsDeliveredWithoutWaitingForTheInterval()
    {
        var live = new LiveUpdates(_time, NullLogger<LiveUpdates>.Instance);
        var delivered = new TaskCompletionSource<IReadOnlyCollection<LiveChange>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = live.Subscribe(changes =>
        {
            delivered.TrySetResult(changes);
            return Task.CompletedTask;
        });

        live.Publish(new LiveChange(LiveChangeKind.Points, "a@xmpp.test", "temp"));

        var changes = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.Equal(new LiveChange(LiveChangeKind.Points, "a@xmpp.test", "temp"), Assert.Single(changes));
    }

    [Fact]
    public async Task Publish_SubscriberThrows_OtherSubscribersStillReceive()
    {
        var live = new LiveUpdates(_time, NullLogger<LiveUpdates>.Instance);
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var failing = live.Subscribe(_ => throw new InvalidOperationException("broken circuit"));
        using var healthy = live.Subscribe(_ =>
        {
            received.TrySetResult();
            return Task.CompletedTask;
        });

        live.Publish(new LiveChange(LiveChangeKind.Alarm, "a@xmpp.test"));

        await received.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Dispose_Subscription_StopsDeliveryAndUnregisters()
    {
        var live = new LiveUpdates(_time, NullLogger<LiveUpdates>.Instance);
        var calls = 0;
        var subscription = live.Subscribe(_ =>
        {
            calls++;
            return Task.CompletedTask;
        });

        subscription.Dispose();
        live.Publish(new LiveChange(LiveChangeKind.Presence, "a@xmpp.test"));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, live.SubscriberCount);
        Assert.Equal(0, calls);
    }
}
